import { computed, reactive, ref, shallowRef } from 'vue';
import type { TicketAction, TicketDetail, TicketSummary } from '@zhangyi/contracts';
import { actOnTicket, listAssignees, listTickets, type Assignee } from '../api/tickets';
import { actionBody, actionFields, type ActionForm } from '../tickets';

/**
 * One action on a ticket from the console: the fields it takes, the engineers to assign to and
 * the open tickets to merge into, and the server's refusal shown in the form.
 */
export function useTicketAction() {
  const ticket = shallowRef<TicketDetail | null>(null);
  const action = ref<TicketAction>('note');
  const required = ref<string[]>([]);
  const form = reactive<ActionForm>({
    note: '',
    assigneeId: '',
    waitReason: '',
    resolution: '',
    mergeIntoId: '',
    parts: [],
  });
  const assignees = shallowRef<Assignee[]>([]);
  const mergeTargets = shallowRef<TicketSummary[]>([]);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const partProblem = ref(false);
  const fields = computed(() => actionFields(action.value));

  /** Opens the form for an action the detail offered, with what it requires. */
  function reset(detail: TicketDetail, next: TicketAction, requires: string[]): void {
    ticket.value = detail;
    action.value = next;
    required.value = requires;
    Object.assign(form, {
      note: '',
      assigneeId: detail.ticket.assigneeId ?? '',
      waitReason: '',
      resolution: '',
      mergeIntoId: '',
      parts: [],
    });
    serverError.value = null;
    partProblem.value = false;
    if (next === 'assign') void listAssignees().then((list) => (assignees.value = list));
    if (next === 'merge') void searchMergeTargets('');
  }

  /** Open tickets other than this one, found by number, asset number or text. */
  async function searchMergeTargets(q: string): Promise<void> {
    const page = await listTickets({ page: 1, pageSize: 20, status: 'open', q: q || undefined });
    mergeTargets.value = page.items.filter((item) => item.id !== ticket.value?.ticket.id);
  }

  function addPart(): void {
    form.parts.push({ name: '', quantity: 1, unitCost: '' });
  }

  function removePart(index: number): void {
    form.parts.splice(index, 1);
  }

  /** Whether a required field is still empty (the server would refuse it). */
  const missing = computed(() =>
    required.value.some((field) => {
      const value = form[field as keyof ActionForm];
      return typeof value === 'string' ? value.trim() === '' : false;
    }),
  );

  /** Sends the action; resolves to the ticket after it, or null when refused. */
  async function submit(): Promise<TicketDetail | null> {
    const current = ticket.value;
    if (!current || missing.value) return null;
    const body = actionBody(action.value, form);
    partProblem.value = body === null;
    if (!body) return null;
    saving.value = true;
    serverError.value = null;
    try {
      return await actOnTicket(current.ticket.id, body);
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    ticket,
    action,
    required,
    form,
    fields,
    assignees,
    mergeTargets,
    saving,
    serverError,
    partProblem,
    missing,
    reset,
    searchMergeTargets,
    addPart,
    removePart,
    submit,
  };
}
