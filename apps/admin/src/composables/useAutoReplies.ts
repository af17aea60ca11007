import { computed } from 'vue';
import type { AutoReply } from '@zhangyi/contracts';
import { deleteAutoReply, listAutoReplies, updateAutoReply } from '../api/wechat';
import { useRequest } from './useRequest';

/** The server's matching order: exact rules before "contains" ones, then by priority. */
function byMatchingOrder(a: AutoReply, b: AutoReply): number {
  if (a.matchType !== b.matchType) return a.matchType === 'exact' ? -1 : 1;
  return a.priority - b.priority;
}

/** The keyword rules, loaded when the view mounts, with switching and removing in place. */
export function useAutoReplies() {
  const { data, loading, errorText, run: load } = useRequest(listAutoReplies);
  // A stable sort keeps the server's creation order between rules of equal priority.
  const rules = computed(() => [...(data.value ?? [])].sort(byMatchingOrder));

  /** Shows a saved rule, new or changed, in its place. */
  function replace(rule: AutoReply): void {
    const list = data.value ?? [];
    data.value = list.some((item) => item.id === rule.id)
      ? list.map((item) => (item.id === rule.id ? rule : item))
      : [...list, rule];
  }

  /** Switches a rule on or off; the server wants the whole rule. */
  async function setEnabled(rule: AutoReply, enabled: boolean): Promise<AutoReply> {
    const { id: _id, ...body } = rule;
    const saved = await updateAutoReply(rule.id, { ...body, enabled });
    replace(saved);
    return saved;
  }

  async function remove(rule: AutoReply): Promise<void> {
    await deleteAutoReply(rule.id);
    data.value = (data.value ?? []).filter((item) => item.id !== rule.id);
  }

  return { rules, loading, errorText, load, replace, setEnabled, remove };
}
