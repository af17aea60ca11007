import { reactive, ref, shallowRef } from 'vue';
import type { LendingCategory, PoolDevice } from '@zhangyi/contracts';
import { saveLendingCategory, savePoolDevice } from '../api/lending';
import {
  categoryBody,
  categoryToForm,
  factsToForm,
  poolDeviceBody,
  type CategoryForm,
  type PoolFactsForm,
} from '../lendingPool';

/** Saving with the server's refusal kept for the form. */
function useSaving() {
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  async function run<T>(save: () => Promise<T>): Promise<T | null> {
    saving.value = true;
    serverError.value = null;
    try {
      return await save();
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }
  return { saving, serverError, run };
}

/** Changing a pool device's facts (condition, PM and calibration due dates, recall hold). */
export function usePoolDeviceForm() {
  const device = shallowRef<PoolDevice | null>(null);
  const model = reactive<PoolFactsForm>({
    condition: 'ok',
    pmDueOn: '',
    calibrationDueOn: '',
    recallHold: false,
    recallNote: '',
  });
  const { saving, serverError, run } = useSaving();

  function reset(next: PoolDevice): void {
    device.value = next;
    Object.assign(model, factsToForm(next));
    serverError.value = null;
  }

  /** Saves; resolves to the device with its readiness derived again, or null. */
  function submit(): Promise<PoolDevice | null> {
    const current = device.value;
    if (!current) return Promise.resolve(null);
    return run(() => savePoolDevice(current.deviceId, poolDeviceBody(model)));
  }

  return { device, model, saving, serverError, reset, submit };
}

/** Changing a category's lending settings; amounts typed in yuan are sent as integer fen. */
export function useCategoryForm() {
  const category = shallowRef<LendingCategory | null>(null);
  const model = reactive<CategoryForm>({
    lifeSupport: false,
    billingUnit: 'hour',
    rate: '',
    minimum: '',
  });
  const { saving, serverError, run } = useSaving();

  function reset(next: LendingCategory): void {
    category.value = next;
    Object.assign(model, categoryToForm(next));
    serverError.value = null;
  }

  /** Saves when both amounts read as yuan; resolves to the saved category, or null. */
  function submit(): Promise<LendingCategory | null> {
    const current = category.value;
    const body = categoryBody(model);
    if (!current || !body) return Promise.resolve(null);
    return run(() => saveLendingCategory(current.categoryId, body));
  }

  return { category, model, saving, serverError, reset, submit };
}
