import { z } from 'zod';
import { TallyStatusSchema } from '../domain/tally/tally.ts';
import type { RekapDb } from './database.ts';
import type { AuditWrite } from './audit.ts';
import type { OpenCellRow } from './v3Types.ts';

/**
 * Cells typed but not yet committed. Autosave stores every keystroke (crash-safe, local), but the
 * signed audit trail gets one entry per cell when the clerk commits it — Enter/Tab/leaving the
 * cell, leaving the form, closing the tab — not "60 → 1 → 190 → 6 → 60" for one figure, which
 * reads like tampering to a witness (docs/integrity.md, "One entry per committed cell").
 *
 * A cell left open by a crash keeps its autosaved value and is committed on the next start. Any
 * other audited change of the same form first commits its open cells, so the trail's order is the
 * order in which things were decided.
 */

/** The table a writer that opens or commits cells must include in its transaction. */
export const OPEN_CELL_TABLES = ['openCells'] as const;

const FigureSchema = z.number().int().min(0).nullable();

const OpenCellSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  path: z.string().min(1),
  before: FigureSchema,
  after: FigureSchema,
  statusBefore: TallyStatusSchema,
  statusAfter: TallyStatusSchema,
  actor: z.string(),
  at: z.string(),
});

const idOf = (key: string, path: string): string => `${key}|${path}`;

export interface CellTyped {
  key: string;
  path: string;
  before: OpenCellRow['before'];
  after: OpenCellRow['after'];
  statusBefore: OpenCellRow['statusBefore'];
  statusAfter: OpenCellRow['statusAfter'];
  actor: string;
  at: string;
}

/** The audit entry of a committed cell; null when typing ended where it began (nothing changed). */
function entryOf(row: OpenCellRow): AuditWrite | null {
  const statusChanged = row.statusBefore !== row.statusAfter;
  if (row.before === row.after && !statusChanged) return null;
  const before: Record<string, unknown> = { [row.path]: row.before };
  const after: Record<string, unknown> = { [row.path]: row.after };
  if (statusChanged) {
    before.status = row.statusBefore;
    after.status = row.statusAfter;
  }
  return { at: row.at, actor: row.actor, record: { kind: 'tally', key: row.key }, action: 'tally.changed', before, after, reason: null };
}

/** Stored rows read back; a damaged row is committed as nothing (dropped), never crashes a write. */
function parseRows(raws: readonly unknown[]): OpenCellRow[] {
  return raws.flatMap((raw) => {
    const parsed = OpenCellSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * A keystroke's change of one cell, inside the writer's transaction (OPEN_CELL_TABLES in scope).
 * `committed`: the audit entry to append now — the same cell still open under another name is
 * committed first (each person answers for their own figure). `continued`: this keystroke goes on
 * typing the same open cell (its local revision is merged too).
 */
export async function noteCellTyped(db: RekapDb, typed: CellTyped): Promise<{ committed: AuditWrite | null; continued: boolean }> {
  const id = idOf(typed.key, typed.path);
  const [open] = parseRows([await db.openCells.get(id)].filter((r) => r !== undefined));
  if (open && open.actor === typed.actor) {
    await db.openCells.put({ ...open, after: typed.after, statusAfter: typed.statusAfter, at: typed.at });
    return { committed: null, continued: true };
  }
  await db.openCells.put({ id, ...typed });
  return { committed: open ? entryOf(open) : null, continued: false };
}

/**
 * The entries of the open cells of these records, removed from the open table; inside a
 * transaction with OPEN_CELL_TABLES (appendAuditMany calls it before any other change of a form).
 */
export async function takeOpenCells(db: RekapDb, keys: readonly string[] | 'all', paths?: readonly string[]): Promise<AuditWrite[]> {
  const raws = keys === 'all' ? await db.openCells.toArray() : await db.openCells.where('key').anyOf([...keys]).toArray();
  const rows = parseRows(raws).filter((r) => paths === undefined || paths.includes(r.path));
  const ids = paths === undefined ? raws.map((r) => r.id) : rows.map((r) => r.id);
  if (ids.length > 0) await db.openCells.bulkDelete(ids);
  // In the order they were last typed: the trail reads as the clerk worked.
  return rows
    .sort((a, b) => a.at.localeCompare(b.at))
    .map(entryOf)
    .filter((e): e is AuditWrite => e !== null);
}

/** How many cells are typed but not committed (tests, the backup screen). */
export async function openCellCount(db: RekapDb): Promise<number> {
  return db.openCells.count();
}
