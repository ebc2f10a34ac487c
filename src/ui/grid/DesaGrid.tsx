import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import type { Language } from '../../domain/common/text.ts';
import { tpsOfDesa } from '../../domain/setup/lookup.ts';
import type { ContestSetup, Setup } from '../../domain/setup/schema.ts';
import type { Tally } from '../../domain/tally/tally.ts';
import { listTallies, type RekapDb, type TallyList, type TallyRow } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';
import { gridColumns } from './columns.ts';
import { GridContext, type GridContextValue, type GridRowRef } from './context.ts';
import { GridRow } from './GridRow.tsx';
import { GridSaveState } from './GridSaveState.tsx';
import { GridTotals } from './GridTotals.tsx';
import { g } from './messages.ts';
import { focusGridCell } from './navigation.ts';
import { createFormStore, type FormStore } from '../entry/formStore.ts';
import '../entry/entry.css';
import './grid.css';

export interface DesaGridProps {
  setup: Setup;
  desa: DesaCode;
  contest: ContestSetup;
  /** The clerk's name, recorded with every change. */
  actor: string;
  /** The workflow refuses this device the desa's forms: every row is read-only. */
  readOnly: boolean;
}

/** The desa's forms of one contest as a table, read live from the local database. */
export function DesaGrid(props: DesaGridProps) {
  const db = useAppDb();
  const lang = useLanguage();
  // Every contest of the desa: the other contests' DPT feeds W04, as in the single form.
  const list = useLiveQuery(() => listTallies(db, { desa: props.desa }), [db, props.desa]);
  if (list === undefined) return <p role="status">{g.loading[lang]}</p>;
  // A new desa or contest is a new grid: fresh stores, nothing carried over.
  return <LoadedGrid key={`${db.name}:${props.desa}:${props.contest.id}`} {...props} db={db} list={list} lang={lang} />;
}

type Row = GridRowRef & Pick<FormStore, 'update'>;

const pad = (n: number) => String(n).padStart(3, '0');

function LoadedGrid(props: DesaGridProps & { db: RekapDb; list: TallyList; lang: Language }) {
  const { db, setup, desa, contest, actor, list, lang, readOnly } = props;
  const [rows] = useState<Row[]>(() =>
    tpsOfDesa(setup, desa).map((ref) => {
      const stored = list.rows.find((r) => r.tps === ref.code && r.contest === contest.id) ?? null;
      return { tps: ref.code, number: pad(ref.number), ...createFormStore(db, ref.code, contest, stored, actor) };
    }),
  );
  const groups = useMemo(() => gridColumns(contest), [contest]);
  const columns = useMemo(() => groups.flatMap((group) => group.columns), [groups]);
  const context = useMemo<GridContextValue>(() => ({ lang, contest, rows, order: columns.map((c) => c.path) }), [lang, contest, rows, columns]);

  useLiveRows(rows, list, contest, actor);
  useEffect(() => {
    for (const r of rows) r.store.setReadOnly(readOnly);
  }, [rows, readOnly]);
  // Leaving the grid commits what was typed (one audit entry per cell; docs/integrity.md).
  useEffect(() => () => rows.forEach((r) => r.store.commitAll()), [rows]);
  useEffect(() => {
    // Keyboard first: the grid opens on the first empty cell of the first row still to type.
    const first = rows.find((r) => !r.store.locked && r.store.missing().length > 0);
    if (first) focusGridCell(first.tps, first.store.missing()[0]!);
  }, [rows]);

  return (
    <GridContext.Provider value={context}>
      <p className="grid-meta">
        <GridSaveState />
      </p>
      <div className="grid-scroll">
        <table className="grid-table" data-testid="desa-grid" data-contest={contest.id}>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="grid-tps">
                {g.tps[lang]}
              </th>
              {groups.map((group) => (
                <th scope="colgroup" colSpan={group.columns.length} key={group.key} className="grid-group">
                  {group.label[lang]}
                </th>
              ))}
              <th scope="col" rowSpan={2} className="grid-checks">
                {g.checks[lang]}
              </th>
            </tr>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c.path} className="grid-col">
                  <abbr title={c.label[lang]}>{c.short[lang]}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <GridRow key={r.tps} row={i} columns={columns} />
            ))}
          </tbody>
          <tfoot>
            <GridTotals columns={columns} />
          </tfoot>
        </table>
      </div>
    </GridContext.Provider>
  );
}

/**
 * Hands each row its stored tally, second entry and W04 peers as the live query sees them (our own
 * writes, another tab, sync). Rows whose inputs did not change are left alone: an autosave in one
 * row re-checks that row, not the whole desa.
 */
function useLiveRows(rows: readonly Row[], list: TallyList, contest: ContestSetup, actor: string): void {
  const [seen] = useState(() => new Map<string, { actor: string; row: TallyRow | null; others: readonly Tally[] }>());
  useEffect(() => {
    const byTps = new Map<string, TallyRow[]>();
    for (const r of list.rows) byTps.set(r.tps, [...(byTps.get(r.tps) ?? []), r]);
    for (const r of rows) {
      const mine = byTps.get(r.tps) ?? [];
      const row = mine.find((x) => x.contest === contest.id) ?? null;
      const others = mine.filter((x) => x.contest !== contest.id).map((x) => x.tally);
      const last = seen.get(r.tps);
      if (last && last.actor === actor && last.row === row && sameTallies(last.others, others)) continue;
      seen.set(r.tps, { actor, row, others });
      r.update(actor, row, others);
    }
  }, [rows, list, contest.id, actor, seen]);
}

const sameTallies = (a: readonly Tally[], b: readonly Tally[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);
