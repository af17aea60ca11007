import { onBeforeUnmount, onMounted, ref } from 'vue';

/** The current time, advanced every `intervalMs` while the page is open (countdowns, deadlines). */
export function useNow(intervalMs = 1000) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => {
      now.value = Date.now();
    }, intervalMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
