import { reactive, watch } from 'vue';
import type { LoanSummary } from '@zhangyi/contracts';
import { listLoans } from '../api/lending';
import { loanListQuery, type LoanListFilters } from '../lendingLoans';
import { usePagedList } from './usePagedList';

/** The console's loan list, open loans first shown; every filter applies at once. */
export function useLoans() {
  const filters = reactive<LoanListFilters>({
    status: 'open',
    departmentId: '',
    categoryId: '',
    from: '',
    to: '',
    overdue: false,
    awaitingConfirmation: false,
  });

  const list = usePagedList<LoanSummary>((paging) =>
    listLoans({ ...paging, ...loanListQuery(filters) }),
  );

  watch(() => ({ ...filters }), list.search, { deep: true });

  return { ...list, filters };
}
