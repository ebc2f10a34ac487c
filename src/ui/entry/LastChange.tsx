import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { AuditEntry } from '../../domain/audit/index.ts';
import type { Language } from '../../domain/common/text.ts';
import type { TallyKey } from '../../domain/tally/tally.ts';
import { auditOfRecord, type RekapDb } from '../../db/index.ts';
import { formatWib } from '../common/format.ts';
import { historyItems } from './HistoryPanel.tsx';
import { actionLabel, roleLabel } from './historyFormat.ts';
import { m } from './messages.ts';

/**
 * For a device that watches a form (a witness, Panwascam; issue 16): when it last changed, who
 * changed it and why — the newest entry of the same history as below the form (this device's and,
 * from the server, every other device's), at the top, where a phone shows it first.
 */
export function LastChange(props: { db: RekapDb; tallyKey: TallyKey; extra: readonly AuditEntry[]; refused: ReadonlyMap<string, string>; lang: Language }) {
  const { db, tallyKey, extra, refused, lang } = props;
  const local = useLiveQuery(() => auditOfRecord(db, tallyKey), [db, tallyKey]);
  const newest = useMemo(() => historyItems(local ?? [], extra, refused).find((item) => item.refused === null) ?? null, [local, extra, refused]);
  if (local === undefined) return null;
  if (!newest) {
    return (
      <p className="banner info entry-last-change" data-testid="last-change" role="status">
        {m.lastChangeNone[lang]}
      </p>
    );
  }
  const { change } = newest;
  const role = roleLabel(change.role, lang);
  return (
    <p className="banner info entry-last-change" data-testid="last-change" role="status" data-at={change.at}>
      <strong>{m.lastChange[lang]}:</strong> <span>{formatWib(change.at, lang)}</span> · <span>{actionLabel(change.action, lang)}</span> ·{' '}
      <span>
        {change.actor}
        {role ? ` (${role})` : ''}
      </span>
      {change.reason ? (
        <>
          {' '}
          · {m.lastChangeWhy[lang]}: <q data-testid="last-change-reason">{change.reason}</q>
        </>
      ) : null}
    </p>
  );
}
