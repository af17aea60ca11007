import { count, eq } from 'drizzle-orm';
import type { CategoryBody, EquipmentCategory } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { isForeignKeyViolation, isUniqueViolation } from '../../lib/sql';
import { recordAudit } from '../audit/service';
import { equipmentCategories, equipmentDevices } from './schema';

/** Categories nest at most this deep. */
export const MAX_CATEGORY_LEVEL = 3;

type CategoryRow = typeof equipmentCategories.$inferSelect;

/** The category rows with tree helpers: ancestors, descendants, level and path. */
export class CategoryTree {
  readonly byId: Map<string, CategoryRow>;

  constructor(readonly rows: CategoryRow[]) {
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  /** The category and its ancestors, nearest first. */
  ancestors(id: string): CategoryRow[] {
    const chain: CategoryRow[] = [];
    for (let row = this.byId.get(id); row && chain.length <= 10;) {
      chain.push(row);
      row = row.parentId ? this.byId.get(row.parentId) : undefined;
    }
    return chain;
  }

  /** The ids of the category and of everything under it. */
  descendants(id: string): string[] {
    const out = [id];
    for (let i = 0; i < out.length; i++)
      for (const row of this.rows) if (row.parentId === out[i]) out.push(row.id);
    return out;
  }

  level(id: string): number {
    return this.ancestors(id).length;
  }

  /** `计算机 / 台式机`. */
  path(id: string): string {
    return this.ancestors(id)
      .reverse()
      .map((r) => r.name)
      .join(' / ');
  }

  /** Levels below the category (0 for a leaf). */
  height(id: string): number {
    let best = 0;
    for (const row of this.rows)
      if (row.parentId === id) best = Math.max(best, 1 + this.height(row.id));
    return best;
  }

  /** Parents before children, siblings by sort order then name. */
  ordered(): CategoryRow[] {
    const out: CategoryRow[] = [];
    const visit = (parentId: string | null) => {
      const children = this.rows
        .filter((r) => r.parentId === parentId)
        .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
      for (const child of children) {
        out.push(child);
        visit(child.id);
      }
    };
    visit(null);
    return out;
  }
}

/** The whole category tree. */
export async function categoryTree(db: Executor): Promise<CategoryTree> {
  return new CategoryTree(await db.select().from(equipmentCategories));
}

/** Every category with its level, path and device count. */
export async function listCategories(db: Executor): Promise<EquipmentCategory[]> {
  const tree = await categoryTree(db);
  const counts = await db
    .select({ categoryId: equipmentDevices.categoryId, n: count() })
    .from(equipmentDevices)
    .groupBy(equipmentDevices.categoryId);
  const countOf = new Map(counts.map((c) => [c.categoryId, c.n]));
  return tree.ordered().map((row) => ({
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    level: tree.level(row.id),
    path: tree.path(row.id),
    sortOrder: row.sortOrder,
    deviceCount: countOf.get(row.id) ?? 0,
  }));
}

async function categoryById(db: Executor, id: string): Promise<EquipmentCategory> {
  const found = (await listCategories(db)).find((c) => c.id === id);
  if (!found) throw new DomainError('NOT_FOUND');
  return found;
}

/** Refuses a parent that would make the tree too deep or put a category under itself. */
function checkPlacement(tree: CategoryTree, parentId: string | null, id?: string): void {
  if (parentId === null) {
    if (id && 1 + tree.height(id) > MAX_CATEGORY_LEVEL) throw new DomainError('CATEGORY_LEVEL');
    return;
  }
  if (!tree.byId.has(parentId)) throw new DomainError('NOT_FOUND', { field: 'parentId' });
  if (id && tree.descendants(id).includes(parentId)) throw new DomainError('CATEGORY_LEVEL');
  const below = id ? tree.height(id) : 0;
  if (tree.level(parentId) + 1 + below > MAX_CATEGORY_LEVEL)
    throw new DomainError('CATEGORY_LEVEL');
}

/** Adds a category. */
export async function createCategory(
  deps: Deps,
  meta: RequestMeta,
  body: CategoryBody,
): Promise<EquipmentCategory> {
  checkPlacement(await categoryTree(deps.db), body.parentId);
  try {
    const [row] = await deps.db
      .insert(equipmentCategories)
      .values(body)
      .returning({ id: equipmentCategories.id });
    await recordAudit(deps.db, meta, {
      action: 'equipment_category.create',
      result: 'success',
      objectType: 'equipment_category',
      objectId: row!.id,
    });
    return categoryById(deps.db, row!.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
}

/** Changes a category, possibly moving it under another. */
export async function updateCategory(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: CategoryBody,
): Promise<EquipmentCategory> {
  const tree = await categoryTree(deps.db);
  if (!tree.byId.has(id)) throw new DomainError('NOT_FOUND');
  checkPlacement(tree, body.parentId, id);
  try {
    await deps.db.update(equipmentCategories).set(body).where(eq(equipmentCategories.id, id));
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
  await recordAudit(deps.db, meta, {
    action: 'equipment_category.update',
    result: 'success',
    objectType: 'equipment_category',
    objectId: id,
  });
  return categoryById(deps.db, id);
}

/**
 * Removes a category nothing refers to. Sub-categories and devices are checked here; fault types
 * and dispatch rules (the tickets module's) are refused by their foreign keys.
 */
export async function deleteCategory(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  const category = await categoryById(deps.db, id);
  const tree = await categoryTree(deps.db);
  if (category.deviceCount > 0 || tree.descendants(id).length > 1)
    throw new DomainError('CATEGORY_IN_USE');
  try {
    await deps.db.delete(equipmentCategories).where(eq(equipmentCategories.id, id));
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new DomainError('CATEGORY_IN_USE');
    throw error;
  }
  await recordAudit(deps.db, meta, {
    action: 'equipment_category.delete',
    result: 'success',
    objectType: 'equipment_category',
    objectId: id,
  });
}
