import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { RekapDb } from './database.ts';
import { parseSetupRowCached } from './setupStore.ts';
import { contestLookup, summaryOfStored, type ContestLookup, type TallySummaryRow } from './tallySummary.ts';
import { SETUP_ROW_ID } from './types.ts';

const TALLIES = 'tallies';
const SUMMARIES = 'tallySummaries';
const SETUP = 'setup';

/**
 * Keeps `tallySummaries` equal to what `tallies` holds, in the same IndexedDB transaction as every
 * write of a form — by whoever writes it (typing, the workflow steps, imports, restores, the sync
 * pull, a future writer), so a summary is never stale and no writer can forget it. Below Dexie's
 * table API, a write transaction that includes `tallies` is widened to the summaries and the setup
 * (whose contests the checks need); each put of rows then puts their summaries, each delete deletes
 * them. Level 10 (Dexie's default for added middleware) sits above Dexie's own observability and
 * cache layers, so live queries of the summaries see these writes like any other.
 */
export function tallySummaryMiddleware(db: RekapDb): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'TallySummaries',
    create(down) {
      // The contests the checks need, read once per transaction (and again after the setup is written in it).
      const contestsByTrans = new WeakMap<DBCoreTransaction, Promise<ContestLookup>>();
      const contestsIn = (trans: DBCoreTransaction): Promise<ContestLookup> => {
        let contests = contestsByTrans.get(trans);
        if (!contests) {
          contests = down
            .table(SETUP)
            .get({ trans, key: SETUP_ROW_ID })
            .then((raw: unknown) => {
              // A damaged setup checks without contests; saving a good one recomputes (refreshTallySummaries).
              const parsed = raw === undefined ? null : parseSetupRowCached(db, raw);
              return contestLookup(parsed?.ok ? parsed.value.setup : null);
            });
          contestsByTrans.set(trans, contests);
        }
        return contests;
      };

      // Promise chains, not async/await: the calls below must stay in Dexie's transaction zone.
      const mirror = (req: DBCoreMutateRequest, written: () => Promise<DBCoreMutateResponse>): Promise<DBCoreMutateResponse> => {
        const summaries = down.table(SUMMARIES);
        if (req.type === 'delete') return written().then((res) => summaries.mutate({ type: 'delete', trans: req.trans, keys: req.keys }).then(() => res));
        // Same primary keys in both tables, so the same range.
        if (req.type === 'deleteRange') return written().then((res) => summaries.mutate({ type: 'deleteRange', trans: req.trans, range: req.range }).then(() => res));
        // The setup is asked for before the rows are written, so that it comes back first and the
        // checks run while IndexedDB stores the rows (thousands in a restore) instead of after.
        const contests = contestsIn(req.trans);
        const rows = written();
        // Awaited below; this only keeps a failed write from counting as unhandled meanwhile.
        rows.catch(() => undefined);
        return contests.then((contestOf) => {
          const made = req.values.map((value: unknown) => summaryOfStored(value, contestOf));
          return rows.then((res) => {
            const values = made.filter((summary, i): summary is TallySummaryRow => summary !== null && res.failures[i] === undefined);
            return values.length > 0 ? summaries.mutate({ type: 'put', trans: req.trans, values }).then(() => res) : res;
          });
        });
      };

      return {
        transaction(stores, mode, options) {
          const widened = mode === 'readwrite' && stores.includes(TALLIES) ? [...new Set([...stores, SUMMARIES, SETUP])] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name): DBCoreTable {
          const table = down.table(name);
          if (name === SETUP) {
            return {
              ...table,
              mutate: (req) => {
                contestsByTrans.delete(req.trans);
                return table.mutate(req);
              },
            };
          }
          if (name !== TALLIES) return table;
          return {
            ...table,
            // Schema upgrades before v5 write tallies before the summaries table exists (v5 computes them all).
            mutate: (req) => (hasStore(req.trans, SUMMARIES) ? mirror(req, () => table.mutate(req)) : table.mutate(req)),
          };
        },
      };
    },
  };
}

/** DBCore's transaction is the IDBTransaction itself (dexie's dbcore-indexeddb). */
function hasStore(trans: DBCoreTransaction, name: string): boolean {
  const stores = (trans as Partial<IDBTransaction>).objectStoreNames;
  return stores !== undefined && stores.contains(name);
}
