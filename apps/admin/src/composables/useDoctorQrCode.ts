import { ref, shallowRef } from 'vue';
import type { AdminDoctor } from '@zhangyi/contracts';
import { doctorQrCode, type DoctorQrCode } from '../api/directory';

/**
 * The QR code of one doctor. Asking creates the permanent code on WeChat the first time, so it
 * is only asked when the dialog opens, never for the whole table.
 */
export function useDoctorQrCode() {
  const doctor = shallowRef<AdminDoctor | null>(null);
  const code = shallowRef<DoctorQrCode | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let latest = 0;

  async function load(target: AdminDoctor): Promise<void> {
    const id = ++latest;
    doctor.value = target;
    code.value = null;
    error.value = null;
    loading.value = true;
    try {
      const answer = await doctorQrCode(target.id);
      if (id === latest) code.value = answer;
    } catch (cause) {
      if (id === latest) error.value = cause;
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  /** Prints only the card: the print stylesheet hides everything else while it is marked. */
  function print(): void {
    document.body.classList.add('printing-qr');
    const done = () => {
      document.body.classList.remove('printing-qr');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  return { doctor, code, loading, error, load, print };
}
