import type { RekapDb } from './database.ts';
import { AUDIT_TABLES, appendAuditMany } from './audit.ts';
import { takeOpenCells } from './openCells.ts';
import { runWrite } from './storage.ts';

/**
 * Commits open cells: of one form (`key`), optionally only some of its cells, or every open cell
 * (`'all'`: the app's start, after a crash or a closed tab). Resolves with the number of entries
 * appended to the trail.
 */
export async function commitOpenCells(db: RekapDb, key: string | 'all' = 'all', paths?: readonly string[]): Promise<number> {
  const result = await runWrite(db, [...AUDIT_TABLES], async () => {
    const entries = await takeOpenCells(db, key === 'all' ? 'all' : [key], paths);
    await appendAuditMany(db, entries, { takeOpen: false });
    return entries.length;
  });
  if (!result.ok) throw new Error(`committing open cells failed: ${result.error.message.en}`);
  return result.value;
}

