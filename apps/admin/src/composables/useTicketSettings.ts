import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { urgencies, type Urgency } from '@zhangyi/contracts';
import {
  listDispatchRules,
  listFaultTypes,
  listGroups,
  listShifts,
  listSla,
  listStaffBindings,
  removeStaffBinding,
  saveSla,
} from '../api/tickets';
import { addDays, localDateOf } from '../datetime';
import { buildTree } from '../tree';
import { useRequest } from './useRequest';

/**
 * What steers the tickets: fault types, engineer groups, dispatch rules, the roster of the next
 * seven days, SLA targets (editable here) and the staff WeChat bindings (removable here).
 */
export function useTicketSettings() {
  const faultTypes = useRequest(listFaultTypes);
  const faultTypeTree = computed(() => buildTree(faultTypes.data.value ?? []));
  const groups = useRequest(listGroups);
  const rules = useRequest(listDispatchRules);
  const today = localDateOf(new Date());
  const roster = useRequest(() => listShifts(today, addDays(today, 6)));
  const sla = useRequest(listSla);
  const bindings = useRequest(listStaffBindings);

  const slaForm = reactive<Record<Urgency, { acceptMinutes: number; resolveMinutes: number }>>({
    normal: { acceptMinutes: 30, resolveMinutes: 480 },
    urgent: { acceptMinutes: 15, resolveMinutes: 240 },
    critical: { acceptMinutes: 5, resolveMinutes: 60 },
  });
  const slaSaving = ref(false);
  const slaError = shallowRef<unknown>(null);

  watch(sla.data, (targets) => {
    for (const target of targets ?? []) {
      slaForm[target.urgency] = {
        acceptMinutes: target.acceptMinutes,
        resolveMinutes: target.resolveMinutes,
      };
    }
  });

  /** Saves the three targets; they apply to tickets submitted afterwards. */
  async function saveTargets(): Promise<boolean> {
    slaSaving.value = true;
    slaError.value = null;
    try {
      sla.data.value = await saveSla({
        targets: urgencies.map((urgency) => ({ urgency, ...slaForm[urgency] })),
      });
      return true;
    } catch (error) {
      slaError.value = error;
      return false;
    } finally {
      slaSaving.value = false;
    }
  }

  /** Unbinds a staff member's WeChat and reloads the list. */
  async function unbind(accountId: string): Promise<void> {
    await removeStaffBinding(accountId);
    await bindings.run();
  }

  return {
    faultTypes,
    faultTypeTree,
    groups,
    rules,
    roster,
    sla,
    slaForm,
    slaSaving,
    slaError,
    saveTargets,
    bindings,
    unbind,
  };
}
