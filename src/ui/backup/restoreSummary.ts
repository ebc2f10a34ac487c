/**
 * The summary of a restore done on the first-run screen, kept for the screen that follows it (the
 * first-run screen is gone as soon as the restored setup is there). Session storage: it is shown
 * once in this tab and never travels with the data.
 */
const KEY = 'rekap.restoreSummary';

export function keepRestoreSummary(summary: string): void {
  taken = null;
  try {
    sessionStorage.setItem(KEY, summary);
  } catch {
    // No session storage (private mode limits): the summary is simply not carried over.
  }
}

/** Taken out of storage once; kept here until dismissed (React may run an initialiser twice). */
let taken: string | null = null;

export function restoreSummary(): string | null {
  try {
    const value = sessionStorage.getItem(KEY);
    if (value !== null) {
      sessionStorage.removeItem(KEY);
      taken = value;
    }
  } catch {
    // Nothing kept: nothing to show.
  }
  return taken;
}

export function dismissRestoreSummary(): void {
  taken = null;
}
