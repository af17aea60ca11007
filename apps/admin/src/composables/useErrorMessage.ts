import { useI18n } from 'vue-i18n';
import { ApiError, errorMessage, type Locale } from '@zhangyi/contracts';

/**
 * Turns a failed call into a sentence for the reader. The API already answers in the reader's
 * language; server-side failures use the shared catalogue, because a gateway with no server
 * behind it answers without our envelope (the client then reports INTERNAL_ERROR); a request
 * that never got an answer is a network problem.
 */
export function useErrorMessage() {
  const { t, locale } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const lang = locale.value as Locale;
      // Our own 503s (WECHAT_NOT_CONFIGURED) carry a code worth more than "unavailable".
      const enveloped = error.code !== 'INTERNAL_ERROR';
      if ([502, 503, 504].includes(error.status) && !enveloped) {
        return errorMessage('SERVICE_UNAVAILABLE', lang);
      }
      if (error.status >= 500) return errorMessage(error.code, lang);
      return error.message || t('errors.loadFailed');
    }
    return t('errors.network');
  };
}
