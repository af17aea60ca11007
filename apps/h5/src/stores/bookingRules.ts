import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { BookingRules } from '@zhangyi/contracts';
import { fetchSchedules } from '../api/booking';

/**
 * The booking rules in force. They come with every schedule list; the confirm page, which reads
 * one schedule, takes them from here, or asks for the doctor's schedules of that day when it was
 * opened directly.
 */
export const useBookingRulesStore = defineStore('bookingRules', () => {
  const rules = shallowRef<BookingRules | null>(null);

  /** Keeps the rules that came with a schedule list. */
  function remember(value: BookingRules): void {
    rules.value = value;
  }

  /** The rules, asked for with the schedules of one doctor and day unless already here. */
  async function ensure(doctorId: string, date: string): Promise<BookingRules | null> {
    if (rules.value) return rules.value;
    try {
      rules.value = (await fetchSchedules({ doctorId, date })).rules;
    } catch {
      // The rules explain; booking does not depend on them, and the server applies them anyway.
    }
    return rules.value;
  }

  return { rules, remember, ensure };
});
