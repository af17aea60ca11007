import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Patient } from '@zhangyi/contracts';
import { fetchPatients } from '../api/patients';
import { useSessionStore } from './session';

/**
 * The WeChat user's patients. The pages of one patient (edit, QR code, card) read them from here:
 * the API has no single-patient read, and the list is small (a handful at most).
 */
export const usePatientsStore = defineStore('patients', () => {
  const items = shallowRef<Patient[]>([]);
  /** How many patients this user may bind; null until the list has loaded. */
  const limit = ref<number | null>(null);
  const loaded = ref(false);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let pending: Promise<void> | null = null;

  /** Loads the list unless it is already here; `force` reloads it (after a change, retry). */
  function load(force = false): Promise<void> {
    if (pending) return pending;
    if (loaded.value && !force) return Promise.resolve();
    loading.value = true;
    error.value = null;
    pending = fetchPatients()
      .then((list) => {
        items.value = list.items;
        limit.value = list.limit;
        loaded.value = true;
      })
      .catch((cause: unknown) => {
        if (!useSessionStore().signInAgainIfSignedOut(cause)) error.value = cause;
      })
      .finally(() => {
        loading.value = false;
        pending = null;
      });
    return pending;
  }

  /** The patient with this id, if the list holds it. */
  function find(id: string): Patient | undefined {
    return items.value.find((patient) => patient.id === id);
  }

  return { items, limit, loaded, loading, error, load, find };
});
