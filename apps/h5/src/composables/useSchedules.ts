import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { fetchSchedule, fetchSchedules, type ScheduleFilter } from '../api/booking';
import { buildDateStrip, hospitalDate } from '../booking/dates';
import { initialDate, scheduleState, schedulesOn } from '../booking/schedule';
import { useBookingRulesStore } from '../stores/bookingRules';
import { useLoader } from './useLoader';

/**
 * The schedules of a department or a doctor for the date strip: the days that can be booked
 * (today and the next `bookingDays`, the last one opening at the release time), the chosen day
 * (kept in the address as `?date=`, so coming back from a slot page returns to it) and that day's
 * schedules with their state.
 */
export function useScheduleBoard(filter: () => ScheduleFilter) {
  const route = useRoute();
  const router = useRouter();
  const rulesStore = useBookingRulesStore();
  const loader = useLoader(fetchSchedules);
  /** When the list was fetched: states and "today" are as of then, like the server's `bookable`. */
  const loadedAt = ref(Date.now());

  async function load(): Promise<void> {
    await loader.load(filter());
    loadedAt.value = Date.now();
    if (loader.data.value) rulesStore.remember(loader.data.value.rules);
  }

  watch(
    () => `${filter().departmentId ?? ''}|${filter().doctorId ?? ''}`,
    () => void load(),
    { immediate: true },
  );

  const items = computed(() => loader.data.value?.items ?? []);
  const rules = computed(() => loader.data.value?.rules ?? null);
  const strip = computed(() =>
    buildDateStrip(hospitalDate(loadedAt.value), (rules.value?.bookingDays ?? 6) + 1),
  );
  const selected = computed(() =>
    initialDate(
      strip.value.map((day) => day.date),
      items.value,
      typeof route.query.date === 'string' ? route.query.date : undefined,
    ),
  );
  /** Days with at least one schedule that can be booked now, marked 有号 in the strip. */
  const openDates = computed(
    () => new Set(items.value.filter((i) => i.bookable).map((i) => i.date)),
  );
  const daySchedules = computed(() =>
    schedulesOn(items.value, selected.value).map((schedule) => ({
      schedule,
      state: scheduleState(schedule, loadedAt.value),
    })),
  );

  function select(date: string): void {
    if (date !== selected.value) void router.replace({ query: { ...route.query, date } });
  }

  return {
    loading: loader.loading,
    errorText: loader.errorText,
    loaded: computed(() => loader.data.value !== null),
    retry: load,
    strip,
    selected,
    openDates,
    daySchedules,
    select,
  };
}

/** One schedule with its slots, reloaded when the address names another. */
export function useSchedule(id: () => string) {
  const loader = useLoader(fetchSchedule);
  const loadedAt = ref(Date.now());
  watch(
    id,
    async (value) => {
      await loader.load(value);
      loadedAt.value = Date.now();
    },
    { immediate: true },
  );
  const state = computed(() =>
    loader.data.value ? scheduleState(loader.data.value, loadedAt.value) : null,
  );
  return { ...loader, state };
}
