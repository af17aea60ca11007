import { ref, shallowRef } from 'vue';
import { pickStaff } from '../api/accounts';
import { listCategories, listEquipmentDepartments } from '../api/equipment';
import {
  addShift,
  createFaultType,
  createGroup,
  deleteFaultType,
  deleteGroup,
  deleteShift,
  saveDispatchRules,
  updateFaultType,
  updateGroup,
  type DispatchRule,
  type EngineerGroup,
} from '../api/tickets';
import {
  faultTypeBody,
  groupBody,
  rulesBody,
  shiftBody,
  type FaultTypeForm,
  type GroupForm,
  type RuleForm,
  type ShiftForm,
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
export function useTicketSettingsEditors(lists: {
  faultTypes: Request<unknown>;
  rules: Request<DispatchRule[]>;
  groups: Request<EngineerGroup[]>;
  roster: Request<unknown>;
}) {
  const { faultTypes, rules, groups, roster } = lists;
  const categories = useRequest(listCategories);
  const departments = useRequest(listEquipmentDepartments);
  // Engineers to put in groups: the staff picker's first fifty active engineers, by name.
  const engineers = useRequest(() => pickStaff({ role: 'engineer' }));
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

  /** Creates (id null) or renames a group and replaces its members. */
  async function saveGroup(id: string | null, form: GroupForm): Promise<boolean> {
    const body = groupBody(form);
    if (!body) return false;
    const ok = await run(() => (id ? updateGroup(id, body) : createGroup(body)));
    if (ok) await groups.run();
    return ok;
  }

  /** Adds a duty shift and reloads the roster (and who is on duty now). */
  async function saveShift(form: ShiftForm): Promise<boolean> {
    const body = shiftBody(form);
    if (!body) return false;
    const ok = await run(() => addShift(body));
    if (ok) await Promise.all([roster.run(), groups.run()]);
    return ok;
  }

  /** Removes a group with its rules and shifts; the caller has asked first. */
  async function removeGroup(id: string): Promise<void> {
    await deleteGroup(id);
    await Promise.all([groups.run(), rules.run(), roster.run()]);
  }

  /** Removes a shift; the caller has asked first. */
  async function removeShift(id: string): Promise<void> {
    await deleteShift(id);
    await Promise.all([roster.run(), groups.run()]);
  }

  return {
    categories,
    departments,
    engineers,
    saveGroup,
    removeGroup,
    saveShift,
    removeShift,
    saving,
    serverError,
    saveFaultType,
    removeFaultType,
    saveRule,
  };
}
