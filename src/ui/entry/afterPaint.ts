/** How long a page without frames (hidden, or a test environment) waits before running anyway. */
export const AFTER_PAINT_FALLBACK_MS = 50;

/**
 * Runs `task` once the browser has painted what is on screen now: the next animation frame, then a
 * task after it. The autosave starts here, so its IndexedDB work never delays the keystroke's own
 * update. A hidden page gets no frames, so a timer runs it anyway.
 */
export function afterPaint(task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, AFTER_PAINT_FALLBACK_MS);
}
