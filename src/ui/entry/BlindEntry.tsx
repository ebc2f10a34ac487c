import { useMemo, useState } from 'react';
import { checkTally } from '../../domain/checks/index.ts';
import type { Finding } from '../../domain/checks/types.ts';
import { formatNumber, type Language } from '../../domain/common/text.ts';
import type { TpsCode } from '../../domain/codes/codes.ts';
import { fieldLabel } from '../../domain/setup/lookup.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { emptyTally, getFigure, paperOrder } from '../../domain/tally/fields.ts';
import type { Tally, TallyKey } from '../../domain/tally/tally.ts';
import { saveSecondEntry, type RekapDb, type SecondEntryResult } from '../../db/index.ts';
import { EntryProvider } from './EntryProvider.tsx';
import { EntryStore, type CellWriter } from './entryStore.ts';
import { FindingsSummary } from './FindingsSummary.tsx';
import { FormSections } from './FormSections.tsx';
import { m } from './messages.ts';
import { SaveIndicator } from './SaveIndicator.tsx';

interface Props {
  db: RekapDb;
  tallyKey: TallyKey;
  tps: TpsCode;
  contest: ContestSetup;
  lang: Language;
  /** The second person. */
  name: string;
  /** Their earlier, unfinished second entry, if any (never the first entry's figures). */
  resume: Tally | null;
  /** The first entry, only to show the two values of a differing cell once the second is complete. */
  first: Tally;
  onClose: () => void;
}

/**
 * Double-entry verification: a second person types the whole form again without seeing the first
 * entry. Every change autosaves the second entry; once it is complete the database compares the two
 * (W06) and either verifies the tally or the differing cells are shown side by side.
 */
function createBlindStore(
  db: RekapDb,
  key: TallyKey,
  contest: ContestSetup,
  name: string,
  start: Tally,
  onResult: (r: SecondEntryResult) => void,
): EntryStore {
  let differences: Finding[] = [];
  const holder: { store?: EntryStore } = {};
  // Saves the whole second entry as it stands when the write runs (the store serialises writes).
  const writer: CellWriter = async () => {
    const current = holder.store;
    if (!current) return null;
    const r = await saveSecondEntry(db, key, current.tally, name);
    if (!r.ok) return r.error.message;
    differences = r.value.complete ? r.value.differences : [];
    onResult(r.value);
    current.refresh();
    return null;
  };
  holder.store = new EntryStore({ ...start, status: 'draft' }, paperOrder(contest), (t) => [...checkTally(t, contest), ...differences], writer);
  return holder.store;
}

export function BlindEntry(props: Props) {
  const { db, tallyKey, contest, name } = props;
  const [result, setResult] = useState<SecondEntryResult | null>(null);
  const [store] = useState(() => createBlindStore(db, tallyKey, contest, name, props.resume ?? emptyTally(props.tps, contest), setResult));

  const diffCells = useMemo(() => (result?.complete ? result.differences.flatMap((f) => f.fields) : []), [result]);
  const { lang } = props;

  return (
    <EntryProvider store={store} contest={contest} lang={lang} idPrefix="second-">
      <section className="entry-blind" data-testid="second-entry" aria-labelledby="entry-blind-title">
        <h3 id="entry-blind-title">
          {m.secondEntryTitle[lang]}: {name}
        </h3>
        <SaveIndicator hasRow={props.resume !== null} />
        <FindingsSummary />
        <FormSections contest={contest} />
        {result?.verified ? (
          <p role="status" className="entry-ok" data-testid="second-entry-result">
            {m.entriesMatch[lang]}
          </p>
        ) : null}
        {diffCells.length > 0 ? (
          <div role="alert" className="entry-diffs" data-testid="second-entry-result">
            <p>{m.entriesDiffer[lang]}</p>
            <table className="entry-table">
              <thead>
                <tr>
                  <th scope="col">{m.hField[lang]}</th>
                  <th scope="col">{m.firstEntry[lang]}</th>
                  <th scope="col">{m.secondEntry[lang]}</th>
                </tr>
              </thead>
              <tbody>
                {diffCells.map((path) => (
                  <tr key={path} data-path={path}>
                    <th scope="row">{fieldLabel(contest, path, lang)}</th>
                    <td>{show(getFigure(props.first, path))}</td>
                    <td>{show(store.value(path))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <button type="button" onClick={props.onClose}>
          {result?.verified ? m.verified[lang] : m.cancel[lang]}
        </button>
      </section>
    </EntryProvider>
  );
}

const show = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatNumber(v, 'id'));
