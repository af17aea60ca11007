import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type { AutoReply, AutoReplyBody } from '@zhangyi/contracts';
import { createAutoReply, updateAutoReply } from '../api/wechat';

/** The contracts' caps on a rule. */
export const MAX_KEYWORD = 30;
export const MAX_PRIORITY = 1000;
/** The server's default priority, so that new rules fall in the middle. */
const DEFAULT_PRIORITY = 100;

/** The add / edit dialog of a keyword rule: model, validation and submission. */
export function useAutoReplyForm() {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const editing = shallowRef<AutoReply | null>(null);
  const saving = ref(false);
  const saveError = shallowRef<unknown>(null);
  const model = reactive<AutoReplyBody>({
    matchType: 'exact',
    keyword: '',
    reply: '',
    enabled: true,
    priority: DEFAULT_PRIORITY,
  });

  const rules = computed<FormRules<AutoReplyBody>>(() => ({
    keyword: [
      {
        required: true,
        whitespace: true,
        message: t('wechatReplies.keywordRequired'),
        trigger: 'blur',
      },
    ],
    reply: [
      {
        required: true,
        whitespace: true,
        message: t('wechatReplies.replyRequired'),
        trigger: 'blur',
      },
    ],
  }));

  /** Fills the form for a new rule, or for editing the given one. */
  function reset(rule: AutoReply | null): void {
    editing.value = rule;
    saveError.value = null;
    Object.assign(model, {
      matchType: rule?.matchType ?? 'exact',
      keyword: rule?.keyword ?? '',
      reply: rule?.reply ?? '',
      enabled: rule?.enabled ?? true,
      priority: rule?.priority ?? DEFAULT_PRIORITY,
    });
    formRef.value?.clearValidate();
  }

  /** Validates and saves; resolves to the saved rule, or null when it did not save. */
  async function submit(): Promise<AutoReply | null> {
    saveError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return null;
    const body: AutoReplyBody = {
      ...model,
      keyword: model.keyword.trim(),
      reply: model.reply.trim(),
      priority: Math.round(model.priority),
    };
    saving.value = true;
    try {
      return editing.value
        ? await updateAutoReply(editing.value.id, body)
        : await createAutoReply(body);
    } catch (error) {
      saveError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, model, rules, editing, saving, saveError, reset, submit };
}
