import type { TpsCode } from '../../src/domain/codes/codes.ts';
import type { ContestId } from '../../src/domain/tally/contest.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { getTally, loadSetup, setFigures } from '../../src/db/index.ts';
import { writeLocal } from '../../src/sync/index.ts';
import { TPS1 } from '../db/fixtures.ts';
import type { Client, Kecamatan } from './realServer.ts';

export type { Client };

export async function type(client: Client, tps: TpsCode, contest: ContestId, values: Record<string, number | null>, reason?: string): Promise<void> {
  const r = await setFigures(client.db, { tps, contest, changes: Object.entries(values).map(([path, value]) => ({ path, value })), actor: client.name, reason: reason ?? null });
  if (!r.ok) throw new Error(`${client.name} typing: ${r.error.kind}`);
}

export async function localTally(client: Client, tps: TpsCode, contest: ContestId): Promise<Tally | null> {
  const row = await getTally(client.db, tallyKey({ tps, contest }));
  if (!row.ok) throw new Error(row.error.kind);
  return row.value?.tally ?? null;
}

export async function syncOk(client: Client) {
  const outcome = await client.engine.syncNow();
  if (outcome.kind !== 'synced') throw new Error(`${client.name}: round ${outcome.kind}${outcome.kind === 'failed' ? ` ${outcome.failure.message.en}` : ''}`);
  return outcome;
}

/**
 * Two chairs, Ani and Budi, both holding `shared` (when given), then each editing TPS1's PPWP
 * form: Ani syncs first, so Budi's round (returned) ends with the record as a conflict on his side.
 */
export async function concurrentEdit(
  kec: Pick<Kecamatan, 'enrol'>,
  edits: { shared?: Record<string, number>; a: Record<string, number>; b: Record<string, number> },
): Promise<{ a: Client; b: Client; round: Awaited<ReturnType<typeof syncOk>> }> {
  const a = await kec.enrol('Ani', 'chair');
  const b = await kec.enrol('Budi', 'chair');
  if (edits.shared) {
    await type(a, TPS1, 'PPWP', edits.shared);
    await syncOk(a);
    await syncOk(b);
  }
  await type(a, TPS1, 'PPWP', edits.a);
  await type(b, TPS1, 'PPWP', edits.b);
  await syncOk(a);
  return { a, b, round: await syncOk(b) };
}

/**
 * Figures written through the sync store, past the app's own workflow check — as an older app or a
 * headless client would send them — so that only the server decides.
 */
export async function typeUnchecked(client: Client, tps: TpsCode, contest: ContestId, values: Record<string, number | null>): Promise<void> {
  const setup = await loadSetup(client.db);
  const contestSetup = setup.ok ? setup.value?.contests.find((c) => c.id === contest) : undefined;
  if (!contestSetup) throw new Error(`${client.name}: no ${contest} in the setup`);
  let tally: Tally = (await localTally(client, tps, contest)) ?? emptyTally(tps, contestSetup);
  for (const [path, value] of Object.entries(values)) tally = setFigure(tally, path, value);
  if (tally.status === 'empty') tally = { ...tally, status: 'draft' };
  await client.store.transaction((tx) => writeLocal(tx, tally, client.name, null));
}
