import { reactive, watch } from 'vue';
import type { TicketSummary } from '@zhangyi/contracts';
import { listTickets } from '../api/tickets';
import { ticketListQuery, type TicketListFilters } from '../tickets';
import { usePagedList } from './usePagedList';

/**
 * The console's ticket list (engineers: their groups' and their own; managers: all). The search
 * text applies on `search()`, the other filters at once.
 */
export function useTickets() {
  const filters = reactive<TicketListFilters>({
    status: 'open',
    departmentId: '',
    urgency: '',
    faultTypeId: '',
    categoryId: '',
    from: '',
    to: '',
    q: '',
    overdue: false,
  });

  const list = usePagedList<TicketSummary>((paging) =>
    listTickets({ ...paging, ...ticketListQuery(filters) }),
  );

  watch(
    () => [
      filters.status,
      filters.departmentId,
      filters.urgency,
      filters.faultTypeId,
      filters.categoryId,
      filters.from,
      filters.to,
      filters.overdue,
    ],
    list.search,
  );

  return { ...list, filters };
}
