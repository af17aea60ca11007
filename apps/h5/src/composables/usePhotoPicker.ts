import { computed, onBeforeUnmount, reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import { showFailToast } from 'vant';
import 'vant/es/toast/style/index';
import { uploadTicketPhoto } from '../api/repair';
import { compressPhoto } from '../repair/compress';
import { PHOTO_MAX_COUNT, localImageBytes, remainingPhotoSlots } from '../repair/photos';
import { useSessionStore } from '../stores/session';
import { chooseImages } from '../wechat/calls';
import { useErrorMessage } from './useErrorMessage';

/** One photo of the form: its preview, and its upload's state. */
export interface PickedPhoto {
  key: number;
  previewUrl: string;
  status: 'uploading' | 'done' | 'failed';
  id?: string;
}

/**
 * Photos for a report or an update: chosen with WeChat's album or camera (a file input outside
 * WeChat), compressed to JPEG in the browser, uploaded at once so that submitting sends only
 * their ids. At most nine.
 */
export function usePhotoPicker() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const photos = reactive<PickedPhoto[]>([]);
  let nextKey = 1;

  const remaining = computed(() => remainingPhotoSlots(photos.length, PHOTO_MAX_COUNT));
  const uploading = computed(() => photos.some((p) => p.status === 'uploading'));
  const photoIds = computed(() =>
    photos.flatMap((p) => (p.status === 'done' && p.id ? [p.id] : [])),
  );

  async function addBlob(source: Blob): Promise<void> {
    if (remaining.value === 0) return;
    const photo = reactive<PickedPhoto>({ key: nextKey++, previewUrl: '', status: 'uploading' });
    photos.push(photo);
    try {
      const jpeg = await compressPhoto(source);
      photo.previewUrl = URL.createObjectURL(jpeg);
      photo.id = (await uploadTicketPhoto(jpeg)).id;
      photo.status = 'done';
    } catch (cause) {
      photo.status = 'failed';
      if (!session.signInAgainIfSignedOut(cause))
        showFailToast(`${t('photos.failed')}：${describe(cause)}`);
    }
  }

  /** Opens WeChat's picker; false when WeChat is not there, so the caller opens a file input. */
  async function pickInWechat(): Promise<boolean> {
    let chosen: string[];
    try {
      chosen = await chooseImages(remaining.value);
    } catch {
      return false;
    }
    for (const data of chosen.slice(0, remaining.value)) {
      const { bytes, type } = localImageBytes(data);
      await addBlob(new Blob([bytes as BlobPart], { type }));
    }
    return true;
  }

  /** Files from the fallback file input. */
  async function addFiles(files: FileList | null): Promise<void> {
    for (const file of Array.from(files ?? []).slice(0, remaining.value)) await addBlob(file);
  }

  function remove(key: number): void {
    const index = photos.findIndex((p) => p.key === key);
    if (index < 0) return;
    const [photo] = photos.splice(index, 1);
    if (photo?.previewUrl) URL.revokeObjectURL(photo.previewUrl);
  }

  function clear(): void {
    for (const photo of photos.splice(0))
      if (photo.previewUrl) URL.revokeObjectURL(photo.previewUrl);
  }

  onBeforeUnmount(clear);

  return { photos, remaining, uploading, photoIds, pickInWechat, addFiles, remove, clear };
}
