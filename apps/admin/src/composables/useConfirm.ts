import { useI18n } from 'vue-i18n';
import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';

/** Asks before a destructive or far-reaching action; resolves to whether the reader agreed. */
export function useConfirm() {
  const { t } = useI18n();
  return (message: string, title: string, type: 'warning' | 'info' = 'warning'): Promise<boolean> =>
    ElMessageBox.confirm(message, title, {
      type,
      confirmButtonText: t('app.confirm'),
      cancelButtonText: t('app.cancel'),
    })
      .then(() => true)
      .catch(() => false);
}
