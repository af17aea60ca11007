import { ref, shallowRef } from 'vue';
import { listCategories, listEquipmentDepartments } from '../api/equipment';
import {
  createFaultType,
  deleteFaultType,
  saveDispatchRules,
  updateFaultType,
  type DispatchRule,
} from '../api/tickets';
import {
  faultTypeBody,
  rulesBody,
  type FaultTypeForm,
  type RuleForm,
} from '../ticketSettingsForms';
import type { Request } from './useRequest';
import { useRequest } from './useRequest';

/** Saving with the server's refusal kept for the dialog. */
function useSaving() {
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  async function run(save: () => Promise<unknown>): Promise<boolean> {
    saving.value = true;
    serverError.value = null;
    try {
      await save();
      return true;
    } catch (error) {
      serverError.value = error;
      return false;
    } finally {
      saving.value = false;
    }
  }
  return { saving, serverError, run };
}

/**
 * Changing fault types and dispatch rules; each change reloads the list it touched, so the tree
 * and the rule order are always the server's.
 */
export function useTicketSettingsEditors(
  faultTypes: Request<unknown>,
  rules: Request<DispatchRule[]>,
) {
  const categories = useRequest(listCategories);
  const departments = useRequest(listEquipmentDepartments);
  const { saving, serverError, run } = useSaving();

  /** Creates (id null) or changes a fault type; resolves to whether it was saved. */
  async function saveFaultType(id: string | null, form: FaultTypeForm): Promise<boolean> {
    const body = faultTypeBody(form);
    if (!body) return false;
    const ok = await run(() => (id ? updateFaultType(id, body) : createFaultType(body)));
    if (ok) await faultTypes.run();
    return ok;
  }

  /** Removes an unused fault type; the caller has asked first. */
  async function removeFaultType(id: string): Promise<void> {
    await deleteFaultType(id);
    await faultTypes.run();
  }

  /** Adds (index -1), changes or, with form null, deletes one rule by replacing them all. */
  async function saveRule(index: number, form: RuleForm | null): Promise<boolean> {
    const body = rulesBody(rules.data.value ?? [], index, form);
    return run(async () => {
      rules.data.value = await saveDispatchRules(body);
    });
  }

  return {
    categories,
    departments,
    saving,
    serverError,
    saveFaultType,
    removeFaultType,
    saveRule,
  };
}
