import { checkTally, checkTpsContests, compareEntries } from '../../domain/checks/index.ts';
import type { Finding } from '../../domain/checks/types.ts';
import type { TpsCode } from '../../domain/codes/codes.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { emptyTally, getFigure, paperOrder } from '../../domain/tally/fields.ts';
import type { Tally } from '../../domain/tally/tally.ts';
import { setFigures, type RekapDb, type TallyRow } from '../../db/index.ts';
import { EntryStore, type CellWriter } from './entryStore.ts';

/*
 * The store of one form as it is typed: by the single entry form and by each row of the desa grid
 * (src/ui/grid), so a figure typed in either is autosaved, audited (one entry per committed cell)
 * and checked the same way.
 */

/** What the writer and checker read at call time (updated from the live rows). */
interface StoreEnv {
  actor: string;
  second: Tally | null;
  /** This TPS's tallies of the other contests (W04: the DPT should agree). */
  others: readonly Tally[];
}

export interface FormStore {
  store: EntryStore;
  /** Hands over the latest actor, stored row and W04 peers. */
  update: (actor: string, row: TallyRow | null, others: readonly Tally[]) => void;
}

const isComplete = (tally: Tally, order: readonly string[]): boolean => order.every((p) => getFigure(tally, p) !== null);

export function createFormStore(db: RekapDb, tps: TpsCode, contest: ContestSetup, row: TallyRow | null, actor: string): FormStore {
  const env: StoreEnv = { actor, second: row?.secondEntry?.tally ?? null, others: [] };
  const order = paperOrder(contest);
  // Autosave (no reason) keeps the typed cell open: its audit entry is written when it is committed.
  const writer: CellWriter = async (changes, reason, commit) => {
    const result = await setFigures(db, { tps, contest: contest.id, changes, actor: env.actor, reason, open: reason === null, commit });
    return result.ok ? null : result.error.message;
  };
  const checker = (tally: Tally): Finding[] => {
    const findings = checkTally(tally, contest);
    // Double entry: once the second entry is complete, its differences show on the first entry too.
    if (env.second && isComplete(env.second, order)) findings.push(...compareEntries(tally, env.second));
    if (env.others.length > 0) findings.push(...checkTpsContests([tally, ...env.others]).filter((f) => f.contest === tally.contest));
    return findings;
  };
  const store = new EntryStore(row?.tally ?? emptyTally(tps, contest), order, checker, writer);
  const update = (nextActor: string, nextRow: TallyRow | null, others: readonly Tally[]) => {
    env.actor = nextActor;
    env.second = nextRow?.secondEntry?.tally ?? null;
    env.others = others;
    store.setBase(nextRow?.tally ?? emptyTally(tps, contest));
  };
  return { store, update };
}
