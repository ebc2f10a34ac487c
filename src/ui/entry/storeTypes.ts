import type { Finding, Severity } from '../../domain/checks/types.ts';
import type { LocalizedText } from '../../domain/common/text.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import type { Figure, Tally } from '../../domain/tally/tally.ts';

/** The entry form store's contracts (src/ui/entry/entryStore.ts): what it writes, checks and shows. */

export interface CellChange {
  path: FieldPath;
  value: Figure;
}

/**
 * Persists figures, all of them or none (one transaction), and commits the cells in `commit` — their
 * audit entries are written in the same transaction (src/db/openCells.ts): autosave keeps every
 * keystroke, the trail one entry per committed cell. Resolves with a user-facing error, or null
 * when stored.
 */
export type CellWriter = (changes: readonly CellChange[], reason: string | null, commit?: readonly FieldPath[]) => Promise<LocalizedText | null>;

/** Runs the checks on the whole tally: once per change, never per cell. */
export type Checker = (tally: Tally) => Finding[];

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: LocalizedText };

/** A change to an entered tally, waiting for its reason. */
export interface PendingCorrection {
  path: FieldPath;
  before: Figure;
  after: Figure;
  /** Where focus goes once the correction is saved (the next cell when left with Enter/Tab). */
  then?: FieldPath | undefined;
}

export type CellSeverity = Severity | 'accepted' | null;
