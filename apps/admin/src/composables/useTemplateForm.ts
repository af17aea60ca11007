import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type {
  ClinicType,
  CreateScheduleTemplateBody,
  Period,
  ScheduleTemplate,
} from '@zhangyi/contracts';
import { createTemplate, updateTemplate } from '../api/booking';
import { TEMPLATE_LIMITS, defaultTimes, endsAfterStart } from '../booking';
import { fenToYuan, parseYuan } from '../money';

export interface TemplateFormModel {
  doctorId: string;
  weekday: number;
  period: Period;
  clinicType: ClinicType;
  /** The fee as typed, in yuan; sent as integer fen. */
  fee: string;
  slotCount: number;
  startTime: string;
  endTime: string;
  /** Follow the department's (or the hospital's) ratio, or set this clinic's own. */
  ratioMode: 'inherit' | 'own';
  onlineRatioPercent: number;
  active: boolean;
}

/** What a new template starts from: the page's filters and the usual morning clinic. */
export interface TemplateDefaults {
  doctorId?: string;
  weekday?: number;
  period?: Period;
}

/** The add / edit weekly clinic form; refusals (TEMPLATE_CONFLICT) are kept for ApiErrorAlert. */
export function useTemplateForm() {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const editing = shallowRef<ScheduleTemplate | null>(null);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const model = reactive<TemplateFormModel>({
    doctorId: '',
    weekday: 1,
    period: 'morning',
    clinicType: 'general',
    fee: '',
    slotCount: 30,
    ...defaultTimes('morning'),
    ratioMode: 'inherit',
    onlineRatioPercent: 100,
    active: true,
  });
  /** The period whose usual hours the form may still be showing. */
  let shownPeriod: Period = model.period;

  const rules = computed<FormRules<TemplateFormModel>>(() => ({
    doctorId: [{ required: true, message: t('templateForm.doctorRequired'), trigger: 'change' }],
    fee: [
      {
        required: true,
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          const fen = parseYuan(value);
          if (fen === null) callback(new Error(t('templateForm.feeInvalid')));
          else if (fen > TEMPLATE_LIMITS.feeFen.max) {
            callback(
              new Error(
                t('templateForm.feeTooHigh', { max: fenToYuan(TEMPLATE_LIMITS.feeFen.max) }),
              ),
            );
          } else callback();
        },
      },
    ],
    startTime: [{ required: true, message: t('templateForm.timeRequired'), trigger: 'change' }],
    endTime: [
      {
        trigger: 'change',
        validator: (_rule, value: string, callback) => {
          if (!value) callback(new Error(t('templateForm.timeRequired')));
          else if (!endsAfterStart(model.startTime, value)) {
            callback(new Error(t('templateForm.endBeforeStart')));
          } else callback();
        },
      },
    ],
  }));

  /** Fills the form for a new clinic, or for editing the given one. */
  function reset(template: ScheduleTemplate | null, defaults: TemplateDefaults = {}): void {
    editing.value = template;
    serverError.value = null;
    const period = template?.period ?? defaults.period ?? 'morning';
    Object.assign(model, {
      doctorId: template?.doctorId ?? defaults.doctorId ?? '',
      weekday: template?.weekday ?? defaults.weekday ?? 1,
      period,
      clinicType: template?.clinicType ?? 'general',
      fee: template ? fenToYuan(template.feeFen) : '',
      slotCount: template?.slotCount ?? 30,
      ...(template
        ? { startTime: template.startTime, endTime: template.endTime }
        : defaultTimes(period)),
      ratioMode: template?.onlineRatioPercent == null ? 'inherit' : 'own',
      onlineRatioPercent: template?.onlineRatioPercent ?? 100,
      active: template?.active ?? true,
    });
    shownPeriod = period;
    formRef.value?.clearValidate();
  }

  /**
   * After the reader picks another period: a clinic still at the usual hours of the old period
   * moves to those of the new one; hours someone typed are left alone.
   */
  function periodChanged(): void {
    const usual = defaultTimes(shownPeriod);
    if (model.startTime === usual.startTime && model.endTime === usual.endTime) {
      Object.assign(model, defaultTimes(model.period));
    }
    shownPeriod = model.period;
  }

  function body(): CreateScheduleTemplateBody {
    return {
      doctorId: model.doctorId,
      weekday: model.weekday,
      period: model.period,
      clinicType: model.clinicType,
      feeFen: parseYuan(model.fee) ?? 0,
      slotCount: model.slotCount,
      startTime: model.startTime,
      endTime: model.endTime,
      onlineRatioPercent: model.ratioMode === 'own' ? model.onlineRatioPercent : null,
      active: model.active,
    };
  }

  /** Validates and saves; resolves to the saved template, or null when it did not save. */
  async function submit(): Promise<ScheduleTemplate | null> {
    serverError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return null;
    saving.value = true;
    try {
      return editing.value
        ? await updateTemplate(editing.value.id, body())
        : await createTemplate(body());
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, model, rules, editing, saving, serverError, reset, periodChanged, submit };
}
