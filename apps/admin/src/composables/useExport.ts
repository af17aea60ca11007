import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { useErrorMessage } from './useErrorMessage';

/**
 * The export button of a list: one download at a time, and a refusal or failure shown as the
 * API's message (a workbook is only saved when the server produced one).
 */
export function useExport(download: () => Promise<void>) {
  const exporting = ref(false);
  const describe = useErrorMessage();

  async function run(): Promise<void> {
    if (exporting.value) return;
    exporting.value = true;
    try {
      await download();
    } catch (error) {
      ElMessage({ type: 'error', message: describe(error), duration: 6000 });
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, run };
}
