import { computed, ref, shallowRef } from 'vue';
import type { Override } from '@zhangyi/contracts';
import { grantOverride, listOverrides } from '../api/lending';
import { awaitingGrant } from '../lendingLoans';
import { useRequest } from './useRequest';

/**
 * Two-manager overrides waiting for the second manager. Granting one's own request is refused by
 * the server (OVERRIDE_SAME_MANAGER); the refusal is kept to be shown.
 */
export function useOverrides() {
  const request = useRequest(listOverrides);
  const pending = computed(() => awaitingGrant(request.data.value ?? []));
  const granting = ref<string | null>(null);
  const grantError = shallowRef<unknown>(null);

  /** Grants an override; resolves to whether the server accepted. */
  async function grant(override: Override): Promise<boolean> {
    granting.value = override.id;
    grantError.value = null;
    try {
      await grantOverride(override.id);
      await request.run();
      return true;
    } catch (error) {
      grantError.value = error;
      return false;
    } finally {
      granting.value = null;
    }
  }

  return {
    pending,
    loading: request.loading,
    errorText: request.errorText,
    reload: request.run,
    granting,
    grantError,
    grant,
  };
}
