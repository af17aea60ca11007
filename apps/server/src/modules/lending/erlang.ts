/**
 * The M/M/c queue behind the recommended fleet size: requests arrive at random (Poisson, rate λ
 * per hour), a device stays out for an exponentially distributed time (mean T hours), c devices
 * serve them. The offered load a = λ·T is the mean number of devices busy. Erlang C gives the
 * probability that a request finds every device out and has to wait.
 */

/** Erlang B blocking probability, by the stable recurrence B(k) = a·B(k−1) / (k + a·B(k−1)). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability of waiting with c servers and load a; 1 when a ≥ c (the queue grows). */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= 0 || a >= c) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** The smallest number of devices whose probability of waiting is at most `target` (0–1). */
export function recommendedFleet(a: number, target: number): number {
  if (a <= 0) return 0;
  let c = Math.max(1, Math.floor(a) + 1);
  while (erlangC(c, a) > target && c < 10_000) c++;
  return c;
}
