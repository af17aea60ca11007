import { useI18n } from 'vue-i18n';
import { ApiError, errorCatalogue, errorMessage, type Locale } from '@zhangyi/contracts';

/**
 * Turns a failed call into a sentence for the reader. The API already answers in the reader's
 * language; server-side failures use the shared catalogue, because a gateway with no server
 * behind it answers without our envelope; a request that never got an answer is a network
 * problem.
 */
export function useErrorMessage() {
  const { t, locale } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const lang = locale.value as Locale;
      if ([502, 503, 504].includes(error.status)) {
        // Our own 503s say what is unavailable (WeChat Pay, the Official Account); a gateway's
        // answer has no envelope and reads as the generic 'INTERNAL_ERROR'.
        const ours = Object.hasOwn(errorCatalogue, error.code) && error.code !== 'INTERNAL_ERROR';
        return errorMessage(ours ? error.code : 'SERVICE_UNAVAILABLE', lang);
      }
      if (error.status >= 500) return errorMessage(error.code, lang);
      return error.message || t('errors.loadFailed');
    }
    return t('errors.network');
  };
}
