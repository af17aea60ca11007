import { computed, onMounted, ref, shallowRef } from 'vue';
import type { ReplySettings } from '@zhangyi/contracts';
import { fetchReplySettings, saveReplySettings } from '../api/wechat';

/** The contracts' cap on both replies, in characters. */
export const MAX_REPLY = 600;

/**
 * The welcome and default replies: the form, whether it differs from what is saved, and saving.
 * An empty default reply is sent as null, which the server takes as "do not answer".
 */
export function useReplySettings() {
  const welcome = ref('');
  const fallback = ref('');
  const saved = shallowRef<ReplySettings | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  const saving = ref(false);
  const saveError = shallowRef<unknown>(null);
  /** Set by a save attempt, so that an empty welcome reply is pointed out only then. */
  const submitted = ref(false);

  const body = computed<ReplySettings>(() => ({
    welcomeReply: welcome.value.trim(),
    defaultReply: fallback.value.trim() || null,
  }));
  const dirty = computed(
    () =>
      saved.value !== null &&
      (body.value.welcomeReply !== saved.value.welcomeReply ||
        body.value.defaultReply !== saved.value.defaultReply),
  );
  const welcomeMissing = computed(() => submitted.value && body.value.welcomeReply === '');

  function fill(settings: ReplySettings): void {
    saved.value = settings;
    welcome.value = settings.welcomeReply;
    fallback.value = settings.defaultReply ?? '';
  }

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      fill(await fetchReplySettings());
    } catch (error) {
      loadError.value = error;
    } finally {
      loading.value = false;
    }
  }

  /** Checks and saves both replies; resolves to whether they were saved. */
  async function save(): Promise<boolean> {
    submitted.value = true;
    saveError.value = null;
    if (!body.value.welcomeReply) return false;
    saving.value = true;
    try {
      fill(await saveReplySettings(body.value));
      submitted.value = false;
      return true;
    } catch (error) {
      saveError.value = error;
      return false;
    } finally {
      saving.value = false;
    }
  }

  onMounted(load);

  return {
    welcome,
    fallback,
    loaded: computed(() => saved.value !== null),
    loading,
    loadError,
    saving,
    saveError,
    dirty,
    welcomeMissing,
    load,
    save,
  };
}
