import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useMemo, useState } from 'react';
import type { AuditChange, AuditEntry } from '../../domain/audit/index.ts';
import type { Language, LocalizedText } from '../../domain/common/text.ts';
import { fingerprintOfKeyHash } from '../../domain/crypto/keys.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { TallyKey } from '../../domain/tally/tally.ts';
import type { EnrolledDevice } from '../../sync/index.ts';
import { auditOfRecord, getHistory, restoredHistoryOf, type Change, type LocalAuditEntry, type RekapDb, type RestoredHistory, type Revision } from '../../db/index.ts';
import { formatWib } from '../common/format.ts';
import { FieldChangeList } from './FieldChangeList.tsx';
import { actionLabel, labelOf, roleLabel, valueOf } from './historyFormat.ts';
import { m } from './messages.ts';
import { ActionWithRefusal, RefusedReason } from './RefusedNote.tsx';

const SHOWN = 20;

/** One line of the history: a change of this device (sealed or not yet) or another device's entry. */
export interface HistoryItem {
  id: string;
  change: AuditChange;
  /** The signing device's key hash; null for this device's rows not sealed yet. */
  device: string | null;
  /** The entry's position in its device's chain; null while not sealed. */
  seq: number | null;
  /** The server refused the edit the entry records (issue 11): the refusal code; else null. */
  refused: string | null;
  /** The backup (its hash) that brought this entry to this device (issue 15); null otherwise. */
  backup: string | null;
}

/** Another device's entry as a restore brought it: the entry and the backup's hash. */
export interface RestoredItem {
  entry: AuditEntry;
  backup: string;
}

/**
 * This device's rows, the given entries of other devices (as the server hands them out) and the
 * entries a restored backup brought (`restored`), newest first; an entry that arrives more than one
 * way is shown once. `refused` (by `<device>#<seq>`, from the server) marks entries of any device,
 * this one's included.
 */
export function historyItems(
  local: readonly LocalAuditEntry[],
  extra: readonly AuditEntry[],
  refused: ReadonlyMap<string, string> = new Map(),
  restored: readonly RestoredItem[] = [],
): HistoryItem[] {
  const items = new Map<string, HistoryItem>();
  for (const row of local) {
    const id = row.entry ? `${row.entry.device}#${row.entry.seq}` : `local#${row.id}`;
    items.set(id, { id, change: row.change, device: row.entry?.device ?? null, seq: row.entry?.seq ?? null, refused: refused.get(id) ?? null, backup: null });
  }
  const others = [...extra.map((entry) => ({ entry, backup: null })), ...restored];
  for (const { entry, backup } of others) {
    const id = `${entry.device}#${entry.seq}`;
    if (items.has(id)) continue;
    const { format: _f, device, seq, prev: _p, hash: _h, signature: _s, ...change } = entry;
    items.set(id, { id, change, device, seq, refused: refused.get(id) ?? null, backup });
  }
  const order = [...items.values()];
  // Stable on equal times: insertion order (oldest first) is kept, then reversed.
  return order.map((item, i) => ({ item, i })).sort((a, b) => Date.parse(a.item.change.at) - Date.parse(b.item.change.at) || a.i - b.i).map(({ item }) => item).reverse();
}

/**
 * The tally's audit history, newest first: when (WIB), what, field by field old → new, who with
 * their role, on which device (key fingerprint), why, and whether the entry is signed yet. `extra`
 * takes other devices' entries for this tally (from the server); an entry whose edit the server
 * refused (`refused`) is shown as refused, not as a change. The local revisions, including
 * records received from the server, stay available below.
 */
export const HistoryPanel = memo(function HistoryPanel(props: {
  db: RekapDb;
  tallyKey: TallyKey;
  contest: ContestSetup;
  lang: Language;
  extra?: readonly AuditEntry[];
  /** Why `extra` may be incomplete (offline, entries that did not verify). */
  extraNote?: LocalizedText | null;
  /** Entries (by `<device>#<seq>`) whose edit the server refused, with the refusal code. */
  refused?: ReadonlyMap<string, string>;
  /** Each signing device as the server enrolled it, by key hash: who wrote an entry (issue 14). */
  devices?: ReadonlyMap<string, EnrolledDevice>;
}) {
  const { db, tallyKey, contest, lang, extra, extraNote, refused, devices } = props;
  const local = useLiveQuery(() => auditOfRecord(db, tallyKey), [db, tallyKey]);
  const restored = useLiveQuery(() => restoredHistoryOf(db, tallyKey), [db, tallyKey]);
  const [all, setAll] = useState(false);
  const list = useMemo(() => {
    const brought = (restored?.entries ?? []).map((entry) => ({ entry, backup: restored?.signers.get(entry.device)?.backup ?? '' }));
    return historyItems(local ?? [], extra ?? [], refused, brought);
  }, [local, extra, refused, restored]);
  const whoSigned = useMemo(() => signersOf(devices, restored?.signers), [devices, restored]);
  const shown = all ? list : list.slice(0, SHOWN);
  return (
    <section className="entry-panel entry-history" data-testid="history" aria-labelledby="entry-history-title">
      <h3 id="entry-history-title">
        {m.historyTitle[lang]} ({list.length})
      </h3>
      <p className="hint">{m.historyHint[lang]}</p>
      {extraNote ? (
        <p className="hint" role="status" data-testid="history-remote-note">
          {extraNote[lang]}
        </p>
      ) : null}
      {list.length === 0 ? (
        <p>{m.noHistory[lang]}</p>
      ) : (
        <table className="entry-table">
          <thead>
            <tr>
              <th scope="col">{m.hWhen[lang]}</th>
              <th scope="col">{m.hAction[lang]}</th>
              <th scope="col">{m.hChange[lang]}</th>
              <th scope="col">{m.hWho[lang]}</th>
              <th scope="col">{m.hDevice[lang]}</th>
              <th scope="col">{m.hWhy[lang]}</th>
              <th scope="col">{m.hSeal[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => {
              const { change } = item;
              const role = roleLabel(change.role, lang);
              return (
                <tr
                  key={item.id}
                  data-action={change.action}
                  data-sealed={item.seq !== null}
                  {...(item.refused ? { 'data-refused': item.refused, className: 'entry-history-refused' } : {})}
                >
                  <td>
                    <time dateTime={change.at}>{formatWib(change.at, 'id')}</time>
                  </td>
                  <td>
                    <ActionWithRefusal label={actionLabel(change.action, lang)} refused={item.refused} lang={lang} />
                  </td>
                  <td>
                    <FieldChangeList change={change} contest={contest} lang={lang} refused={item.refused !== null} />
                    {item.refused ? <RefusedReason code={item.refused} lang={lang} /> : null}
                  </td>
                  <td>
                    <WrittenBy change={change} enrolled={item.device ? (whoSigned.get(item.device) ?? null) : null} lang={lang} fallbackRole={role} />
                  </td>
                  <td>
                    <code>{item.device ? fingerprintOfKeyHash(item.device) : m.thisDevice[lang]}</code>
                    {item.backup ? (
                      <>
                        <br />
                        <small className="hint" data-testid="history-from-backup" title={m.fromBackupTitle[lang]}>
                          {m.fromBackup[lang].replace('{hash}', item.backup.slice(0, 16))}
                        </small>
                      </>
                    ) : null}
                  </td>
                  <td>{change.reason ?? '—'}</td>
                  <td>
                    {item.seq !== null ? (
                      <span className="entry-history-sealed" title={m.sealedTitle[lang].replace('{seq}', String(item.seq))}>
                        ✓ {m.sealed[lang]} #{item.seq}
                      </span>
                    ) : (
                      <span className="entry-history-unsealed">{m.unsealed[lang]}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {list.length > SHOWN && !all ? (
        <button type="button" onClick={() => setAll(true)}>
          {lang === 'id' ? `Tampilkan semua (${list.length})` : `Show all (${list.length})`}
        </button>
      ) : null}
      <LocalRevisions db={db} tallyKey={tallyKey} contest={contest} lang={lang} />
    </section>
  );
});

/**
 * Who each signing device is: as the server enrolled it, else — for a device known only from a
 * restored backup — as the server's attestation in that backup names it, when this device's server
 * vouched for that attestation at restore (an unattested key's name proves nothing).
 */
function signersOf(devices: ReadonlyMap<string, EnrolledDevice> | undefined, restored: RestoredHistory['signers'] | undefined): ReadonlyMap<string, Pick<EnrolledDevice, 'name' | 'role'>> {
  const out = new Map<string, Pick<EnrolledDevice, 'name' | 'role'>>();
  for (const [keyHash, row] of restored ?? []) {
    const statement = row.signer.attestation?.statement;
    if (row.attested && statement) out.set(keyHash, { name: statement.deviceName, role: statement.role });
  }
  for (const [keyHash, device] of devices ?? []) out.set(keyHash, device);
  return out;
}

/**
 * Who wrote an entry: the device and role the server enrolled (issue 14: an operator can type any
 * name, so the typed name alone proves nothing), with the typed name below when it says something
 * else. Entries the server has not handed out yet (this device's own, not yet sent) show the typed
 * name and the role recorded with it.
 */
export function WrittenBy(props: { change: Pick<AuditChange, 'actor'>; enrolled: Pick<EnrolledDevice, 'name' | 'role'> | null; lang: Language; fallbackRole: string | null }) {
  const { change, enrolled, lang, fallbackRole } = props;
  if (!enrolled) return <>{`${change.actor}${fallbackRole ? ` (${fallbackRole})` : ''}`}</>;
  const role = roleLabel(enrolled.role, lang);
  return (
    <>
      <span className="entry-history-enrolled" data-testid="history-enrolled" title={m.enrolledTitle[lang]}>
        {enrolled.name}
        {role ? ` (${role})` : ''}
      </span>
      {change.actor !== enrolled.name ? (
        <>
          <br />
          <small className="hint" data-testid="history-typed">
            {m.typedName[lang].replace('{name}', change.actor)}
          </small>
        </>
      ) : null}
    </>
  );
}

/**
 * The tally's local revisions (records received from other devices included), read only when
 * opened: until other devices' audit entries are shown above, this is where their changes appear.
 */
function LocalRevisions(props: { db: RekapDb; tallyKey: TallyKey; contest: ContestSetup; lang: Language }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="entry-history-revisions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{m.localRevisions[props.lang]}</summary>
      {open ? <RevisionTable {...props} /> : null}
    </details>
  );
}

function RevisionTable(props: { db: RekapDb; tallyKey: TallyKey; contest: ContestSetup; lang: Language }) {
  const { db, tallyKey, contest, lang } = props;
  const revisions = useLiveQuery(() => getHistory(db, tallyKey), [db, tallyKey]);
  const list: Revision[] = revisions ? [...revisions].reverse() : [];
  const rows = list.flatMap((r) => (r.changes.length > 0 ? r.changes.map((c, i) => ({ r, c, i })) : [{ r, c: null as Change | null, i: 0 }]));
  if (list.length === 0) return <p>{m.noHistory[lang]}</p>;
  return (
    <table className="entry-table" data-testid="history-revisions">
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
  );
}
