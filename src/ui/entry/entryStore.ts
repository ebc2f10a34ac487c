import { isWarningAccepted } from '../../domain/checks/index.ts';
import type { Finding } from '../../domain/checks/types.ts';
import type { LocalizedText } from '../../domain/common/text.ts';
import { unexpectedErrorText } from '../../domain/errors/unexpected.ts';
import { getFigure, setFigure, type FieldPath } from '../../domain/tally/fields.ts';
import type { Figure, Tally } from '../../domain/tally/tally.ts';
import { figureMode } from '../../domain/workflow/tally.ts';
import { afterPaint } from './afterPaint.ts';
import { cellReader } from './cellReader.ts';
import { FindingsView } from './findingsView.ts';
import { cellKey, KeyedListeners, type Changed } from './storeKeys.ts';
import type { CellSeverity, CellWriter, Checker, PendingCorrection, SaveState } from './storeTypes.ts';

export type { CellChange, CellSeverity, CellWriter, Checker, PendingCorrection, SaveState } from './storeTypes.ts';
export { rowOf } from './findingsView.ts';

const SAVING: SaveState = { kind: 'saving' };

/**
 * The form's state outside React: the stored tally (from the live query) overlaid with the figures
 * typed but not yet confirmed by the database. Cells, sums and row findings subscribe to their own
 * keys (src/ui/entry/storeKeys.ts) with selectors that return primitives or stable arrays, so a
 * keystroke wakes and re-renders only the cell, the sums over it and the findings that actually
 * change — not the 205 inputs of a DPR form. The autosave starts after the next paint.
 */
export class EntryStore {
  private listeners = new Set<() => void>();
  private keyed = new KeyedListeners();
  private base: Tally;
  private overlay = new Map<FieldPath, Figure>();
  private unsent = new Map<FieldPath, Figure>();
  private inFlight = new Set<FieldPath>();
  private drafts = new Map<FieldPath, string>();
  /** Cells typed since they were last committed. */
  private typed = new Set<FieldPath>();
  /** Cells committed by the clerk, to be handed to the next write. */
  private commits = new Set<FieldPath>();
  private readonly index: ReadonlyMap<FieldPath, number>;
  private readonly view = new FindingsView(
    (f) => this.severityOfFinding(f),
    (f) => this.sortedFields(f),
  );
  private readonly readers: ReadonlyMap<FieldPath, (t: Tally) => Figure | undefined>;

  tally: Tally;
  /** The checks' findings, each cell's severity and the findings under each row (FindingsView). */
  get findings(): Finding[] {
    return this.view.findings;
  }
  get severities(): ReadonlyMap<FieldPath, CellSeverity> {
    return this.view.severities;
  }
  get anchors(): ReadonlyMap<string, Finding[]> {
    return this.view.anchors;
  }
  /** Cells of the form not entered yet. */
  missingCount = 0;
  saveState: SaveState = { kind: 'idle' };
  correction: PendingCorrection | null = null;
  /** Bumped on every change; lets components subscribe to "anything changed". */
  version = 0;

  constructor(
    base: Tally,
    readonly order: readonly FieldPath[],
    private readonly checker: Checker,
    private readonly writer: CellWriter | null,
  ) {
    this.base = base;
    this.tally = base;
    this.index = new Map(order.map((p, i) => [p, i]));
    this.readers = new Map(order.map((p) => [p, cellReader(p)]));
    this.missingCount = this.countMissing();
    this.recompute();
  }

  /** Every change of the form (status, save state, …): for selectors that are cheap to re-run. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Only changes of these keys (cellKey, anchorKey, FINDINGS_KEY), and changes that touch every cell. */
  subscribeTo = (keys: readonly string[], listener: () => void): (() => void) => this.keyed.add(keys, listener);

  /**
   * Typed figures wait as drafts: the workflow table changes them only as a correction with a
   * reason (after "entered"), or not at all (final).
   */
  get locked(): boolean {
    return this.readOnly || figureMode(this.tally.status) !== 'type';
  }

  /**
   * No step of the table changes figures now (final), or this device may not write the form at all
   * (another panel's desa, a reading role): the cells are read-only.
   */
  get frozen(): boolean {
    return this.readOnly || figureMode(this.tally.status) === 'locked';
  }

  private readOnly = false;

  /** This device only reads the form (a witness, another panel's clerk): figures are shown as text, not inputs. */
  get watching(): boolean {
    return this.readOnly;
  }

  /** The workflow refuses this device every figure of the form (src/domain/workflow/offers.ts). */
  setReadOnly(readOnly: boolean): void {
    if (this.readOnly === readOnly) return;
    this.readOnly = readOnly;
    this.emit('all');
  }

  value(path: FieldPath): Figure {
    const read = this.readers.get(path);
    return (read ? read(this.tally) : getFigure(this.tally, path)) ?? null;
  }

  /** What the input shows: a correction being typed, else the current figure. */
  text(path: FieldPath): string {
    const draft = this.drafts.get(path);
    if (draft !== undefined) return draft;
    const v = this.value(path);
    return v === null ? '' : String(v);
  }

  hasDraft(path: FieldPath): boolean {
    return this.drafts.has(path);
  }

  /** The stored tally changed (our own write, or another tab / sync). Unconfirmed figures stay on top. */
  setBase(base: Tally): void {
    this.base = base;
    for (const [path, v] of this.overlay) {
      if (this.unsent.has(path) || this.inFlight.has(path)) continue;
      if ((getFigure(base, path) ?? null) === v) this.overlay.delete(path);
    }
    this.rebuild();
  }

  /**
   * A figure typed into an editable (draft) tally: shown at once, written once the screen has
   * painted it (afterPaint: the IndexedDB work stays off the keystroke's path). One write is in
   * flight at a time; everything typed meanwhile goes in the next one, each cell with its last
   * value — so the database is never more than one transaction behind the typist.
   */
  setCell(path: FieldPath, value: Figure): void {
    if (this.locked) {
      this.setDraft(path, value === null ? '' : String(value));
      return;
    }
    if (this.value(path) === value) return;
    this.overlay.set(path, value);
    this.unsent.set(path, value);
    this.typed.add(path);
    // "Menyimpan…" from the keystroke on, in the same update as the figure.
    if (this.saveState.kind !== 'saving') this.saveState = SAVING;
    this.rebuild();
    this.scheduleFlush();
  }

  /**
   * The clerk is done with a cell (Enter/Tab/leaving it): once its last keystroke is stored, its
   * change becomes one audit entry. Does nothing for a cell not typed since its last commit.
   */
  commitCell(path: FieldPath): void {
    this.commitCells([path]);
  }

  /**
   * commitCell for several cells. The commit rides with the next write (after the one in flight):
   * a fast typist's Tab costs no transaction of its own.
   */
  commitCells(paths: readonly FieldPath[]): void {
    let any = false;
    for (const p of paths) {
      if (!this.typed.delete(p)) continue;
      this.commits.add(p);
      any = true;
    }
    if (any) this.scheduleFlush();
  }

  /**
   * Fills the empty cells among `paths` with 0 and commits them (the clerk's "the rest are zero",
   * src/ui/entry/zeroFill.ts). Nothing happens on a form whose figures are not typed freely: a
   * correction needs a reason per cell. Resolves with the cells filled.
   */
  fillZeros(paths: readonly FieldPath[]): FieldPath[] {
    if (this.locked) return [];
    const empty = paths.filter((p) => this.value(p) === null && !this.drafts.has(p));
    if (empty.length === 0) return [];
    for (const p of empty) {
      this.overlay.set(p, 0);
      this.unsent.set(p, 0);
      this.typed.add(p);
    }
    this.rebuild();
    this.commitCells(empty);
    return empty;
  }

  /** Leaving the form: every typed cell is committed. */
  commitAll(): void {
    this.commitCells([...this.typed]);
  }

  /** A correction being typed into an entered tally: nothing is saved before the reason is given. */
  setDraft(path: FieldPath, text: string): void {
    const stored = this.value(path);
    if (text === (stored === null ? '' : String(stored))) this.drafts.delete(path);
    else this.drafts.set(path, text);
    this.emit(new Set([cellKey(path)]));
  }

  /** Leaving a cell with a pending correction asks for its reason. Returns whether it did. */
  commitDraft(path: FieldPath, then?: FieldPath): boolean {
    const draft = this.drafts.get(path);
    if (draft === undefined) return false;
    const after = draft === '' ? null : Number(draft);
    const before = this.value(path);
    if (after === before) {
      this.drafts.delete(path);
      this.emit(new Set([cellKey(path)]));
      return false;
    }
    this.correction = { path, before, after, then };
    this.emit(new Set());
    return true;
  }

  discardDraft(path: FieldPath): void {
    if (this.drafts.delete(path)) this.emit(new Set([cellKey(path)]));
  }

  cancelCorrection(): void {
    const path = this.correction?.path;
    if (path !== undefined) this.drafts.delete(path);
    this.correction = null;
    this.emit(new Set(path === undefined ? [] : [cellKey(path)]));
  }

  /** Writes the correction with its reason; the draft stays visible until the database confirms. */
  async confirmCorrection(reason: string): Promise<LocalizedText | null> {
    const c = this.correction;
    if (!c || !this.writer) return null;
    this.setSaveState({ kind: 'saving' });
    const error = await this.writer([{ path: c.path, value: c.after }], reason);
    if (error) {
      this.setSaveState({ kind: 'error', message: error });
      return error;
    }
    this.overlay.set(c.path, c.after);
    this.drafts.delete(c.path);
    this.correction = null;
    this.saveState = { kind: 'saved' };
    // The draft is gone even where the figure equals it: the cell is told either way.
    this.rebuild([cellKey(c.path)]);
    return null;
  }

  /** A finding's state for display: an error, an open warning, or a warning accepted with a reason. */
  severityOfFinding(finding: Finding): Exclude<CellSeverity, null> {
    if (finding.severity === 'error') return 'error';
    return isWarningAccepted(finding, this.tally) ? 'accepted' : 'warning';
  }

  /** Re-runs the checks when something outside the tally changed (e.g. the second entry). */
  refresh(): void {
    this.emit(this.recompute());
  }

  /** The first cell (in paper order) a finding concerns: where its summary button jumps to. */
  firstField(finding: Finding): FieldPath | undefined {
    return this.sortedFields(finding)[0];
  }

  positionOf(path: FieldPath): number {
    return this.index.get(path) ?? Number.MAX_SAFE_INTEGER;
  }

  missing(): FieldPath[] {
    return this.order.filter((p) => this.value(p) === null);
  }

  /** Resolves once every typed figure and commit has been handed to the database (tests, "mark entered"). */
  async settled(): Promise<void> {
    while (this.unsent.size > 0 || this.inFlight.size > 0 || this.commits.size > 0 || this.flushing || this.flushScheduled) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private flushing = false;
  private flushScheduled = false;

  /** The next write starts after the next paint; a write in flight picks up what was typed meanwhile. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing || !this.writer) return;
    this.flushScheduled = true;
    afterPaint(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.writer) return;
    this.flushing = true;
    this.setSaveState({ kind: 'saving' });
    let lastError: LocalizedText | null = null;
    while (this.unsent.size > 0 || this.commits.size > 0) {
      const batch = [...this.unsent].map(([path, value]) => ({ path, value }));
      const commit = [...this.commits];
      this.unsent.clear();
      this.commits.clear();
      for (const { path } of batch) this.inFlight.add(path);
      let error: LocalizedText | null;
      try {
        error = await this.writer(batch, null, commit);
      } catch (e) {
        const why = unexpectedErrorText(e);
        error = { id: `Gagal menyimpan: ${why.id}`, en: `Could not save: ${why.en}` };
      }
      this.inFlight.clear();
      if (error) {
        lastError = error;
        // The database refused the batch: show what is really stored, not what was typed.
        for (const { path } of batch) if (!this.unsent.has(path)) this.overlay.delete(path);
        this.rebuild();
      }
    }
    this.flushing = false;
    this.setSaveState(lastError ? { kind: 'error', message: lastError } : { kind: 'saved' });
  }

  private setSaveState(state: SaveState): void {
    if (state.kind === 'saving' && this.saveState.kind === 'saving') return;
    this.saveState = state;
    this.emit(new Set());
  }

  /**
   * The tally from the stored one and the overlay, then the checks; tells the cells whose figure,
   * severity (or `extra`) changed, or every cell when the form became (un)locked.
   */
  private rebuild(extra: readonly string[] = []): void {
    const prev = this.tally;
    const wasLocked = this.locked;
    const wasFrozen = this.frozen;
    let t = this.base;
    for (const [path, v] of this.overlay) {
      if (this.figureOf(t, path) !== v) t = setFigure(t, path, v);
    }
    this.tally = t;
    const changed = new Set(extra);
    if (t !== prev) {
      for (const [path, read] of this.readers) if ((read(t) ?? null) !== (read(prev) ?? null)) changed.add(cellKey(path));
      this.missingCount = this.countMissing();
    }
    for (const key of this.recompute()) changed.add(key);
    this.emit(this.locked !== wasLocked || this.frozen !== wasFrozen ? 'all' : changed);
  }

  private figureOf(t: Tally, path: FieldPath): Figure {
    const read = this.readers.get(path);
    return (read ? read(t) : getFigure(t, path)) ?? null;
  }

  private countMissing(): number {
    let n = 0;
    for (const read of this.readers.values()) if ((read(this.tally) ?? null) === null) n++;
    return n;
  }

  private sortedFields(finding: Finding): FieldPath[] {
    return [...finding.fields].sort((a, b) => this.positionOf(a) - this.positionOf(b));
  }

  /** Runs the checks; returns the keys whose state changed (cells' severities, rows' findings, the list). */
  private recompute(): Set<string> {
    return this.view.update(this.checker(this.tally));
  }

  private emit(changed: Changed): void {
    this.version++;
    for (const l of this.listeners) l();
    this.keyed.notify(changed);
  }
}

export const NO_FINDINGS: Finding[] = [];
