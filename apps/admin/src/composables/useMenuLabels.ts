import { useI18n } from 'vue-i18n';
import type { MenuButton } from '@zhangyi/contracts';
import {
  fieldsOfType,
  isButtonType,
  type ActionField,
  type AddBlocked,
  type MenuProblem,
} from '../wechatMenu';

/** Names of button types and fields, and the editor's problems, in the reader's language. */
export function useMenuLabels() {
  const { t } = useI18n();

  /** A type's name; a type this console does not know shows its code. */
  function typeLabel(type: string): string {
    return isButtonType(type) ? t(`wechatMenu.types.${type}`) : type;
  }

  function fieldLabel(field: MenuProblem['field']): string {
    return field === 'menu' ? '' : t(`wechatMenu.fields.${field}`);
  }

  /** One problem as a sentence. */
  function problemText(problem: MenuProblem): string {
    const field = fieldLabel(problem.field);
    switch (problem.code) {
      case 'noButtons':
        return t('wechatMenu.problems.noButtons');
      case 'invalidUrl':
        return t('wechatMenu.problems.invalidUrl');
      case 'tooLong': {
        // Names, keys and URLs are WeChat's byte limits; the other fields are our schema's.
        const bytes = ['name', 'key', 'url'].includes(problem.field);
        const key = bytes ? 'wechatMenu.problems.tooLong' : 'wechatMenu.problems.tooLongChars';
        return t(key, { field, limit: problem.limit ?? 0 });
      }
      default:
        return problem.field === 'type'
          ? t('wechatMenu.problems.typeRequired')
          : t('wechatMenu.problems.required', { field });
    }
  }

  /** Why an add button is disabled. */
  function blockedText(reason: AddBlocked, name = ''): string {
    return t(`wechatMenu.addBlocked.${reason}`, { name });
  }

  /** What a button does, in one line: its type and the target it sends. */
  function actionSummary(button: MenuButton): string {
    if (button.sub_button?.length) return '';
    const type = button.type ?? '';
    const target = fieldsOfType(type)
      .map((field: ActionField) => button[field])
      .filter(Boolean)
      .join(' · ');
    return [typeLabel(type), target].filter(Boolean).join(' · ');
  }

  return { typeLabel, fieldLabel, problemText, blockedText, actionSummary };
}
