// Not the db barrel: it loads Dexie, which the headless client must not (src/sync/node/).
import { planOutboxWrite } from '../db/outbox.ts';
import type { KeyedRecord } from '../db/types.ts';
import { tallyKey, type Tally } from '../domain/tally/tally.ts';
import { sameRecord } from './records.ts';
import type { SyncStore, SyncTx } from './store.ts';

/**
 * A local write through a store: the record and its outbox op in the caller's transaction, with
 * the same folding rule as the app's own writes (src/db/outbox.ts). Returns false when the record
 * is already exactly this (nothing to send).
 */
export async function writeLocalRecord(tx: SyncTx, keyed: KeyedRecord, actor: string, reason: string | null): Promise<boolean> {
  if (sameRecord((await tx.record(keyed.key))?.record, keyed.record)) return false;
  await tx.putLocalRecord(keyed, actor, reason);
  const plan = planOutboxWrite(await tx.opsFor(keyed.key), await tx.version(keyed.key), { ...keyed, actor, reason });
  if (plan.kind === 'fold') await tx.putOp(plan.op);
  else await tx.addOp(plan.op);
  return true;
}

export async function writeLocal(tx: SyncTx, tally: Tally, actor: string, reason: string | null): Promise<boolean> {
  return writeLocalRecord(tx, { kind: 'tally', key: tallyKey(tally), record: tally }, actor, reason);
}

/** Many local writes in one transaction (all queued, or none): the headless client's import. */
export async function writeLocalMany(store: SyncStore, tallies: readonly Tally[], actor: string): Promise<number> {
  return store.transaction(async (tx) => {
    let written = 0;
    for (const tally of tallies) if (await writeLocal(tx, tally, actor, null)) written++;
    return written;
  });
}
