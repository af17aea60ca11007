import { computed, onMounted, shallowRef } from 'vue';
import type { AutoReply } from '@zhangyi/contracts';
import { fetchReplySettings, listAutoReplies } from '../api/wechat';
import { CONTACT_US_KEY, clickKeyAnswer } from '../wechatMenu';

/** How a click key will be answered, as a catalogue key and its parameters. */
export type KeyAnswer =
  { kind: 'builtIn' | 'default' | 'none' } | { kind: 'exact' | 'contains'; keyword: string };

/**
 * What answers each click key of the menu: the built-in contact key, the keyword rules, or the
 * default reply. The rules are only a hint here, so a failure to load them shows no hint rather
 * than an error.
 */
export function useKeyAnswers() {
  const rules = shallowRef<AutoReply[] | null>(null);
  const hasDefault = shallowRef(false);

  onMounted(async () => {
    try {
      const [list, settings] = await Promise.all([listAutoReplies(), fetchReplySettings()]);
      rules.value = list;
      hasDefault.value = settings.defaultReply !== null;
    } catch {
      rules.value = null;
    }
  });

  /** The answer a tap on `key` gets, or null while the rules are unknown or the key is empty. */
  function answerFor(key: string): KeyAnswer | null {
    if (!rules.value || !key.trim()) return null;
    const answer = clickKeyAnswer(key, rules.value);
    if (answer.by === 'builtIn') return { kind: 'builtIn' };
    if (answer.by === 'rule') return { kind: answer.matchType, keyword: answer.keyword };
    return { kind: hasDefault.value ? 'default' : 'none' };
  }

  /** Keys worth offering: the built-in one, then the enabled exact keywords. */
  const suggestions = computed(() => [
    { value: CONTACT_US_KEY, builtIn: true },
    ...(rules.value ?? [])
      .filter((rule) => rule.enabled && rule.matchType === 'exact')
      .map((rule) => ({ value: rule.keyword, builtIn: false })),
  ]);

  return { answerFor, suggestions };
}
