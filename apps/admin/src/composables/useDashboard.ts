import { fetchDashboard } from '../api/dashboard';
import { useRequest } from './useRequest';

/** The dashboard counts, loaded when the view mounts. */
export function useDashboard() {
  const { data: summary, ...rest } = useRequest(fetchDashboard);
  return { summary, ...rest };
}
