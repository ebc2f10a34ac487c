/**
 * Waiting time before retry number `attempt` (0 = first retry): exponential, capped, with "equal
 * jitter" — half the window fixed, half random — so that thirty laptops losing the hall's server
 * at once do not all come back in the same second, and no retry is ever immediate.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  const window = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.floor(window / 2 + random() * (window / 2));
}
