import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useState } from 'react';
import { formatNumber, type Language } from '../../domain/common/text.ts';
import { fieldLabel } from '../../domain/setup/lookup.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import type { TallyKey } from '../../domain/tally/tally.ts';
import { getHistory, type Change, type RekapDb, type Revision } from '../../db/index.ts';
import { formatWib } from '../common/format.ts';
import { m } from './messages.ts';

const SHOWN = 20;
const META_LABELS: Record<string, keyof typeof m> = {
  status: 'statusLabel',
  enteredBy: 'enteredBy',
  verifiedBy: 'verifiedBy',
  acceptedWarnings: 'acceptedBecause',
};

function labelOf(contest: ContestSetup, path: FieldPath, lang: Language): string {
  const meta = META_LABELS[path];
  return meta ? m[meta][lang] : fieldLabel(contest, path, lang);
}

function valueOf(path: FieldPath, value: unknown, lang: Language): string {
  if (value === null || value === undefined || value === '') return m.empty[lang];
  if (typeof value === 'number') return formatNumber(value, 'id');
  if (path === 'status' && typeof value === 'string') {
    const key = `status_${value}` as keyof typeof m;
    return key in m ? m[key][lang] : value;
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((w: unknown) => (w && typeof w === 'object' && 'code' in w ? `${String(w.code)}${'reason' in w ? `: ${String(w.reason)}` : ''}` : String(w)))
      .join('; ');
  }
  return JSON.stringify(value);
}

/**
 * Every stored revision of this tally, newest first: field, old → new, who, when (WIB), why.
 * Long histories show the latest revisions first, the rest on request.
 */
export const HistoryPanel = memo(function HistoryPanel(props: { db: RekapDb; tallyKey: TallyKey; contest: ContestSetup; lang: Language }) {
  const { db, tallyKey, contest, lang } = props;
  const revisions = useLiveQuery(() => getHistory(db, tallyKey), [db, tallyKey]);
  const [all, setAll] = useState(false);
  const list: Revision[] = revisions ? [...revisions].reverse() : [];
  const shown = all ? list : list.slice(0, SHOWN);
  const rows = shown.flatMap((r) => (r.changes.length > 0 ? r.changes.map((c, i) => ({ r, c, i })) : [{ r, c: null as Change | null, i: 0 }]));
  return (
    <section className="entry-panel entry-history" data-testid="history" aria-labelledby="entry-history-title">
      <h3 id="entry-history-title">
        {m.historyTitle[lang]} ({list.length})
      </h3>
      {list.length === 0 ? (
        <p>{m.noHistory[lang]}</p>
      ) : (
        <table className="entry-table">
          <thead>
            <tr>
              <th scope="col">{m.hField[lang]}</th>
              <th scope="col">{m.hChange[lang]}</th>
              <th scope="col">{m.hWho[lang]}</th>
              <th scope="col">{m.hWhen[lang]}</th>
              <th scope="col">{m.hWhy[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ r, c, i }) => (
              <tr key={`${r.id ?? r.revision}-${i}`} className={`entry-history-${r.kind}`} data-kind={r.kind}>
                <td>{c ? labelOf(contest, c.path, lang) : r.kind}</td>
                <td>{c ? `${valueOf(c.path, c.before, lang)} → ${valueOf(c.path, c.after, lang)}` : `${r.statusBefore ?? '—'} → ${r.statusAfter}`}</td>
                <td>{r.by}</td>
                <td>
                  <time dateTime={r.at}>{formatWib(r.at, 'id')}</time>
                </td>
                <td>{r.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.length > SHOWN && !all ? (
        <button type="button" onClick={() => setAll(true)}>
          {lang === 'id' ? `Tampilkan semua (${list.length})` : `Show all (${list.length})`}
        </button>
      ) : null}
    </section>
  );
});
