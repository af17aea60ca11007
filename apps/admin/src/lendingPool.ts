import type {
  BillingUnit,
  DeviceCondition,
  LendingCategory,
  LendingCategoryBody,
  PoolDevice,
  PoolDeviceBody,
} from '@zhangyi/contracts';
import type { Device, EquipmentCategory } from './api/equipment';
import type { PoolDeviceQuery } from './api/lending';
import { fenToYuan, parseYuan } from './money';

/** The pool list's filters as the page holds them ('' = any). */
export interface PoolFilters {
  categoryId: string;
  readiness: string;
  q: string;
}

/** The API query of the filters; empty choices are left out. */
export function poolQuery(filters: PoolFilters): PoolDeviceQuery {
  const query: PoolDeviceQuery = {};
  if (filters.categoryId) query.categoryId = filters.categoryId;
  if (filters.readiness) query.readiness = filters.readiness as PoolDeviceQuery['readiness'];
  const q = filters.q.trim();
  if (q) query.q = q;
  return query;
}

/** A due date (PM, calibration) is missed from the day after it: the due day itself is fine. */
export function isPastDue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn < today;
}

/** The facts of a pool device a manager may change, as the form holds them ('' = no date). */
export interface PoolFactsForm {
  condition: DeviceCondition;
  pmDueOn: string;
  calibrationDueOn: string;
  recallHold: boolean;
  recallNote: string;
}

/** The form of a device's current facts. */
export function factsToForm(device: PoolDevice): PoolFactsForm {
  return {
    condition: device.condition,
    pmDueOn: device.pmDueOn ?? '',
    calibrationDueOn: device.calibrationDueOn ?? '',
    recallHold: device.recallHold,
    recallNote: device.recallNote ?? '',
  };
}

/** The body of the form: empty dates and notes are null; a note only with a hold. */
export function poolDeviceBody(form: PoolFactsForm): PoolDeviceBody {
  const note = form.recallNote.trim();
  return {
    condition: form.condition,
    pmDueOn: form.pmDueOn || null,
    calibrationDueOn: form.calibrationDueOn || null,
    recallHold: form.recallHold,
    recallNote: form.recallHold && note ? note : null,
  };
}

/** A category's lending settings as the form holds them: money typed in yuan. */
export interface CategoryForm {
  lifeSupport: boolean;
  billingUnit: BillingUnit;
  rate: string;
  minimum: string;
}

const MAX_FEN = 10_000_000;

export function categoryToForm(category: LendingCategory): CategoryForm {
  return {
    lifeSupport: category.lifeSupport,
    billingUnit: category.billingUnit,
    rate: fenToYuan(category.rateFen),
    minimum: fenToYuan(category.minimumFen),
  };
}

/** Reads a typed amount as fen within the contract's bound, or null. */
export function yuanField(text: string): number | null {
  const fen = parseYuan(text);
  return fen !== null && fen <= MAX_FEN ? fen : null;
}

/** The body of the form with yuan turned into integer fen; null when an amount is not one. */
export function categoryBody(form: CategoryForm): LendingCategoryBody | null {
  const rateFen = yuanField(form.rate);
  const minimumFen = yuanField(form.minimum);
  if (rateFen === null || minimumFen === null) return null;
  return { lifeSupport: form.lifeSupport, billingUnit: form.billingUnit, rateFen, minimumFen };
}

/** The facts a registry device enters the pool with; the manager corrects them afterwards. */
export const NEW_POOL_DEVICE: PoolDeviceBody = {
  condition: 'ok',
  pmDueOn: null,
  calibrationDueOn: null,
  recallHold: false,
  recallNote: null,
};

/** Registry devices that may still join the pool: not retired and not in it already. */
export function addableDevices(registry: readonly Device[], pool: readonly PoolDevice[]): Device[] {
  const inPool = new Set(pool.map((device) => device.deviceId));
  return registry.filter((device) => device.status !== 'retired' && !inPool.has(device.id));
}

/** Registry categories not lendable yet, in the registry's tree order. */
export function addableCategories(
  registry: readonly EquipmentCategory[],
  lendable: readonly LendingCategory[],
): EquipmentCategory[] {
  const taken = new Set(lendable.map((category) => category.categoryId));
  return registry.filter((category) => !taken.has(category.id));
}

/** A registry category as an unsaved lending category, for the settings dialog to fill in. */
export function draftCategory(category: EquipmentCategory): LendingCategory {
  return {
    categoryId: category.id,
    name: category.name,
    path: category.path,
    lifeSupport: false,
    billingUnit: 'hour',
    rateFen: 0,
    minimumFen: 0,
    devices: 0,
  };
}

/** The list with the saved item in place of its old version, or added at the end. */
export function upsert<T>(list: readonly T[], saved: T, sameAs: (item: T) => boolean): T[] {
  return list.some(sameAs) ? list.map((item) => (sameAs(item) ? saved : item)) : [...list, saved];
}
