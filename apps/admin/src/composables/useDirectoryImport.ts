import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '@zhangyi/contracts';
import { importDirectory, importTemplateUrl, type ImportResult } from '../api/directory';
import {
  importFileProblem,
  importProblems,
  isImportProblemCode,
  type ImportProblem,
} from '../directory';

/**
 * The Excel import: one chosen workbook, checked for type and size before sending, then either
 * the counts of what was added and updated or the server's problem list (nothing imported).
 */
export function useDirectoryImport() {
  const { t } = useI18n();
  const file = shallowRef<File | null>(null);
  /** Why the chosen file was refused locally, in words; '' when it is fine. */
  const fileError = ref('');
  const submitting = ref(false);
  const result = shallowRef<ImportResult | null>(null);
  const problems = shallowRef<ImportProblem[]>([]);
  /** A failure other than IMPORT_INVALID (network, permission, server). */
  const error = shallowRef<unknown>(null);
  const ready = computed(() => !!file.value && !fileError.value && !submitting.value);

  /** Takes the chosen file; returns false when it cannot be imported (the picker drops it). */
  function choose(chosen: File | null): boolean {
    result.value = null;
    problems.value = [];
    error.value = null;
    fileError.value = '';
    file.value = null;
    if (!chosen) return true;
    const problem = importFileProblem(chosen);
    if (problem) {
      fileError.value = t(
        problem === 'type' ? 'directoryImport.wrongType' : 'directoryImport.tooLarge',
      );
      return false;
    }
    file.value = chosen;
    return true;
  }

  async function submit(): Promise<void> {
    if (!file.value) {
      fileError.value = t('directoryImport.noFile');
      return;
    }
    submitting.value = true;
    result.value = null;
    problems.value = [];
    error.value = null;
    try {
      result.value = await importDirectory(file.value);
    } catch (cause) {
      const lines =
        cause instanceof ApiError && cause.code === 'IMPORT_INVALID'
          ? importProblems(cause.details)
          : [];
      if (lines.length > 0) problems.value = lines;
      else error.value = cause;
    } finally {
      submitting.value = false;
    }
  }

  /** The problem in the reader's words; a missing column names the columns. */
  function problemText(problem: ImportProblem): string {
    if (!isImportProblemCode(problem.problem)) {
      return t('directoryImport.unknownProblem', { code: problem.problem });
    }
    const sentence = t(`directoryImport.problems.${problem.problem}`);
    return problem.problem === 'missing_column' && problem.column
      ? `${sentence}：${problem.column}`
      : sentence;
  }

  /** Sheet, row and column in one line, for narrow screens. */
  function locationText(problem: ImportProblem): string {
    if (!problem.sheet) return t('directoryImport.wholeFile');
    return [
      problem.sheet,
      problem.row ? t('directoryImport.rowN', { row: problem.row }) : '',
      problem.column,
    ]
      .filter(Boolean)
      .join(' · ');
  }

  return {
    locationText,
    templateUrl: importTemplateUrl,
    file,
    fileError,
    submitting,
    result,
    problems,
    error,
    ready,
    choose,
    submit,
    problemText,
  };
}
