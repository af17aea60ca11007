import { ApiError, XLSX_TYPE, type ErrorEnvelope } from '@zhangyi/contracts';
import { filenameFromDisposition, withQuery } from '../download';
import { usePreferencesStore } from '../stores/preferences';
import { reportUnauthenticated } from './client';

/**
 * Downloads an export workbook and hands it to the browser as a file. Fetched rather than linked
 * (unlike the fixed import template), so that a refusal or a failure is shown on the page as the
 * API's message instead of being saved as a broken .xlsx.
 */
export async function downloadExport(
  path: string,
  filters: Record<string, unknown>,
  fallbackName: string,
): Promise<void> {
  await downloadFile(path, filters, fallbackName, XLSX_TYPE);
}

/**
 * Downloads any generated file (a workbook, a PDF of labels) the same way, resolving to the
 * answer's headers for what the server says about the file (e.g. `X-Label-Font`).
 */
export async function downloadFile(
  path: string,
  filters: Record<string, unknown>,
  fallbackName: string,
  type: string,
): Promise<Headers> {
  const response = await fetch(withQuery(path, filters), {
    headers: {
      accept: `${type}, application/json`,
      'accept-language': usePreferencesStore().locale,
    },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const envelope = (await response.json().catch(() => undefined)) as ErrorEnvelope | undefined;
    if (response.status === 401) reportUnauthenticated();
    throw new ApiError(
      response.status,
      envelope?.error?.code ?? 'INTERNAL_ERROR',
      envelope?.error?.message ?? response.statusText,
      envelope?.error?.details,
    );
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameFromDisposition(
    response.headers.get('content-disposition'),
    fallbackName,
  );
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later rather than at once: some browsers still read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return response.headers;
}
