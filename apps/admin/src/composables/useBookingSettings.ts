import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormItemRule, FormRules } from 'element-plus';
import type { BookingSettings, SaveBookingSettingsBody } from '@zhangyi/contracts';
import { fetchBookingSettings, saveBookingSettings } from '../api/booking';
import { SETTINGS_LIMITS } from '../booking';
import { useRequest } from './useRequest';

type NumberField = keyof typeof SETTINGS_LIMITS;
const NUMBER_FIELDS = Object.keys(SETTINGS_LIMITS) as NumberField[];
const FIELDS: (keyof SaveBookingSettingsBody)[] = [
  ...NUMBER_FIELDS,
  'releaseTime',
  'visitReminderTime',
];

function bodyOf(settings: BookingSettings): SaveBookingSettingsBody {
  return Object.fromEntries(
    FIELDS.map((field) => [field, settings[field]]),
  ) as SaveBookingSettingsBody;
}

/**
 * The booking rules form and the departments' online ratios. The form is filled from the server
 * once and after each save, never behind the reader's back: a department's ratio changes the
 * ratio table only, and unsaved edits of the rules stay as typed.
 */
export function useBookingSettings() {
  const { t } = useI18n();
  const request = useRequest(fetchBookingSettings);
  const formRef = ref<FormInstance>();
  const saving = ref(false);
  const saveError = shallowRef<unknown>(null);
  const model = reactive<SaveBookingSettingsBody>({
    bookingDays: 7,
    releaseTime: '08:00',
    holdMinutes: 15,
    cancelCutoffHours: 0,
    maxPerPatientPerDay: 1,
    maxPerPatientPerWeek: 3,
    defaultOnlineRatioPercent: 100,
    noShowLimit: 3,
    noShowWindowDays: 90,
    noShowBanDays: 30,
    visitReminderTime: '18:00',
  });

  const ratios = computed(() => request.data.value?.departmentRatios ?? []);
  const dirty = computed(() => {
    const saved = request.data.value;
    return saved !== null && FIELDS.some((field) => model[field] !== saved[field]);
  });

  const rules = computed<FormRules<SaveBookingSettingsBody>>(() => {
    const required: FormItemRule = {
      required: true,
      type: 'number',
      message: t('bookingSettings.required'),
      trigger: 'change',
    };
    return {
      ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, [required]])),
      releaseTime: [{ required: true, message: t('bookingSettings.required'), trigger: 'change' }],
    };
  });

  function fill(settings: BookingSettings): void {
    Object.assign(model, bodyOf(settings));
    formRef.value?.clearValidate();
  }

  watch(request.data, (settings, previous) => {
    if (settings && !previous) fill(settings);
  });

  /** Validates and saves the rules; resolves to whether they were saved. */
  async function save(): Promise<boolean> {
    saveError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return false;
    saving.value = true;
    try {
      const settings = await saveBookingSettings({ ...model });
      request.data.value = settings;
      fill(settings);
      return true;
    } catch (error) {
      saveError.value = error;
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** Takes the server's answer to a department ratio change; the form keeps what is typed. */
  function applyRatios(settings: BookingSettings): void {
    request.data.value = settings;
  }

  return {
    settings: request.data,
    loading: request.loading,
    loadError: request.errorText,
    reload: request.run,
    formRef,
    model,
    rules,
    ratios,
    dirty,
    saving,
    saveError,
    save,
    applyRatios,
  };
}
