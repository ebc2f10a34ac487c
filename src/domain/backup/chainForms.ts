import type { AuditEntry } from '../audit/schema.ts';
import { getFigure } from '../tally/fields.ts';
import type { Tally } from '../tally/tally.ts';

/** A form as the backup holds it (the row schema is the database layer's). */
export interface BackupForm {
  key: string;
  status: string;
  tally: Tally;
}

/** A history row as far as this check reads it: which form, when, how it was written. */
export interface BackupRevision {
  key: string;
  at: string;
  kind: string;
}

/** A cell whose value in the file is not what the device's signed chain says it ended at. */
export interface FormMismatch {
  key: string;
  /** A figure path (e.g. "votes.1") or "status". */
  path: string;
  chain: unknown;
  file: unknown;
}

/**
 * Compares each form with what this device's chain entries for it end at, cell by cell (only the
 * cells the chain wrote: a form pulled from the server has figures no entry of this device names,
 * covered by the file's signature alone). A form whose last history row is a pull ('import') later
 * than its last entry was overwritten by another device's change after this one's: its values are
 * that device's, so it is not compared either. Returns the first difference, in key order.
 */
export function compareFormsWithChain(forms: readonly BackupForm[], entries: readonly AuditEntry[], revisions: readonly BackupRevision[]): FormMismatch | null {
  const ended = new Map<string, { at: string; cells: Map<string, unknown> }>();
  for (const entry of entries) {
    if (entry.record.kind !== 'tally') continue;
    const after = entry.after;
    if (after === null || typeof after !== 'object' || Array.isArray(after)) continue;
    const form = ended.get(entry.record.key) ?? { at: entry.at, cells: new Map<string, unknown>() };
    form.at = entry.at;
    for (const [path, value] of Object.entries(after)) form.cells.set(path, value);
    ended.set(entry.record.key, form);
  }
  const lastRevision = new Map<string, BackupRevision>();
  for (const rev of revisions) lastRevision.set(rev.key, rev);

  const sorted = [...forms].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const form of sorted) {
    const chain = ended.get(form.key);
    if (!chain) continue;
    const last = lastRevision.get(form.key);
    if (last && last.kind === 'import' && last.at > chain.at) continue;
    for (const [path, expected] of chain.cells) {
      const found = path === 'status' ? form.status : isFigurePath(path) ? (getFigure(form.tally, path) ?? null) : undefined;
      if (found === undefined) continue; // sign-off names and accepted warnings: the signature covers them
      if (found !== expected) return { key: form.key, path, chain: expected, file: found };
    }
  }
  return null;
}

const SIGN_OFF_PATHS = new Set(['enteredBy', 'verifiedBy', 'acceptedWarnings']);
const isFigurePath = (path: string): boolean => !SIGN_OFF_PATHS.has(path);
