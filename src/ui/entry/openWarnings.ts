import type { Finding } from '../../domain/checks/types.ts';
import type { EntryStore } from './entryStore.ts';

/**
 * Warnings that still need an acceptance. W06 (the two entries differ) is not accepted but resolved,
 * by correcting whichever entry is wrong, so it is never offered here.
 */
export function openWarnings(store: EntryStore, findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.severity !== 'warning' || f.code === 'W06' || store.severityOfFinding(f) === 'accepted' || seen.has(f.code)) return false;
    seen.add(f.code);
    return true;
  });
}
