import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { roles, type Role } from '@zhangyi/contracts';

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Role names in the current language, and the options of a role picker. */
export function useRoles() {
  const { t } = useI18n();

  /** The name of a role; a role this console does not know yet shows its code. */
  function roleLabel(role: string): string {
    return isRole(role) ? t(`roles.${role}`) : role;
  }

  const roleOptions = computed(() =>
    roles.map((role) => ({ value: role, label: roleLabel(role) })),
  );

  return { roleLabel, roleOptions };
}
