import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { LendingAnnouncement } from '@zhangyi/contracts';
import {
  createAnnouncement,
  deleteAnnouncement,
  listAnnouncements,
  updateAnnouncement,
} from '../api/lending';
import {
  announcementBody,
  announcementToForm,
  sortAnnouncements,
  type AnnouncementForm,
} from '../lendingAnnouncements';
import { useConfirm } from './useConfirm';
import { useRequest } from './useRequest';

/** Every lending announcement, drafts included, pinned first; deleting asks first. */
export function useAnnouncements() {
  const { t } = useI18n();
  const confirm = useConfirm();
  const request = useRequest(listAnnouncements);
  const rows = computed(() => sortAnnouncements(request.data.value ?? []));
  const removeError = shallowRef<unknown>(null);

  /** Deletes after asking; resolves to whether it was deleted. */
  async function remove(announcement: LendingAnnouncement): Promise<boolean> {
    const agreed = await confirm(
      t('announcements.deleteConfirm', { title: announcement.title }),
      t('announcements.delete'),
    );
    if (!agreed) return false;
    removeError.value = null;
    try {
      await deleteAnnouncement(announcement.id);
      await request.run();
      return true;
    } catch (error) {
      removeError.value = error;
      return false;
    }
  }

  return {
    rows,
    loading: request.loading,
    errorText: request.errorText,
    reload: request.run,
    removeError,
    remove,
  };
}

/** Writing or changing an announcement; the server's refusal shows in the form. */
export function useAnnouncementForm() {
  const editing = shallowRef<LendingAnnouncement | null>(null);
  const model = reactive<AnnouncementForm>(announcementToForm(null));
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const invalid = computed(() => announcementBody(model) === null);

  function reset(announcement: LendingAnnouncement | null): void {
    editing.value = announcement;
    Object.assign(model, announcementToForm(announcement));
    serverError.value = null;
  }

  /** Saves; resolves to the saved announcement, or null. */
  async function submit(): Promise<LendingAnnouncement | null> {
    const body = announcementBody(model);
    if (!body) return null;
    saving.value = true;
    serverError.value = null;
    try {
      return editing.value
        ? await updateAnnouncement(editing.value.id, body)
        : await createAnnouncement(body);
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { editing, model, saving, serverError, invalid, reset, submit };
}
