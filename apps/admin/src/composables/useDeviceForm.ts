import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import { createDevice, updateDevice, type Device } from '../api/equipment';
import { deviceBody, deviceToForm, emptyDeviceForm, type DeviceForm } from '../equipment';
import { parseYuan } from '../money';

/** Registering or changing a device; the server's refusal (ASSET_NO_TAKEN…) shows in the form. */
export function useDeviceForm() {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const editing = shallowRef<Device | null>(null);
  const model = reactive<DeviceForm>(emptyDeviceForm());
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);

  const rules = computed<FormRules<DeviceForm>>(() => ({
    assetNo: [
      { required: true, message: t('deviceForm.assetNoRequired'), trigger: 'blur' },
      {
        pattern: /^[A-Za-z0-9._/-]{1,40}$/,
        message: t('deviceForm.assetNoPattern'),
        trigger: 'blur',
      },
    ],
    name: [
      { required: true, whitespace: true, message: t('deviceForm.nameRequired'), trigger: 'blur' },
    ],
    categoryId: [{ required: true, message: t('deviceForm.categoryRequired'), trigger: 'change' }],
    purchasePrice: [
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          if (value.trim() === '' || parseYuan(value) !== null) callback();
          else callback(new Error(t('deviceForm.pricePattern')));
        },
      },
    ],
  }));

  /** Opens the form on a device, or empty for a new one. */
  function reset(device: Device | null): void {
    editing.value = device;
    Object.assign(model, device ? deviceToForm(device) : emptyDeviceForm());
    serverError.value = null;
    formRef.value?.clearValidate();
  }

  /** Validates and saves; resolves to the saved device, or null. */
  async function submit(): Promise<Device | null> {
    serverError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    const body = deviceBody(model);
    if (!valid || !body) return null;
    saving.value = true;
    try {
      return editing.value ? await updateDevice(editing.value.id, body) : await createDevice(body);
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, editing, model, rules, saving, serverError, reset, submit };
}
