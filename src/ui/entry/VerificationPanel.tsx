import { useState, type FormEvent } from 'react';
import type { LocalizedText } from '../../domain/common/text.ts';
import type { VerificationMode } from '../../domain/setup/schema.ts';
import type { TallyKey } from '../../domain/tally/tally.ts';
import { acceptWarnings, saveSecondEntry, verifyReadback, type RekapDb, type TallyRow } from '../../db/index.ts';
import { useEntry, useStoreKeys } from './context.ts';
import { m } from './messages.ts';
import { openWarnings } from './openWarnings.ts';
import { FINDINGS_KEYS } from './storeKeys.ts';
import { WarningAcceptForm } from './WarningAcceptForm.tsx';

interface Props {
  db: RekapDb;
  tallyKey: TallyKey;
  actor: string;
  row: TallyRow;
  mode: VerificationMode;
  onStartSecondEntry: (name: string) => void;
}

/**
 * For an entered tally: warnings raised by corrections get accepted here, then a second person
 * verifies — by reading the paper back (read-back mode) or by entering it again blind (double entry).
 */
export function VerificationPanel(props: Props) {
  const { store, lang } = useEntry();
  const findings = useStoreKeys(store, FINDINGS_KEYS, (s) => s.findings);
  const [error, setError] = useState<LocalizedText | null>(null);
  const warnings = openWarnings(store, findings);
  const errors = findings.filter((f) => f.severity === 'error').length;

  const accept = async (code: string, reason: string) => {
    setError(null);
    await store.settled();
    const result = await acceptWarnings(props.db, props.tallyKey, props.actor, [{ code, reason }]);
    if (!result.ok) setError(result.error.message);
  };

  return (
    <section className="entry-panel entry-verify" aria-labelledby="entry-verify-title">
      <h3 id="entry-verify-title">{m.verificationTitle[lang]}</h3>
      {props.row.tally.enteredBy ? (
        <p>
          {m.enteredBy[lang]}: <strong>{props.row.tally.enteredBy}</strong>
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="entry-accept-list">
          {warnings.map((w) => (
            <WarningAcceptForm key={w.code} finding={w} lang={lang} accepted={null} onAccept={(reason) => accept(w.code, reason)} />
          ))}
        </ul>
      ) : null}
      {errors > 0 ? <p className="entry-note">{m.errorsBlockVerification[lang]}</p> : null}
      {props.mode === 'readback' ? (
        <ReadbackForm {...props} />
      ) : (
        <DoubleEntryStart {...props} />
      )}
      {error ? (
        <p role="alert" className="entry-error">
          {error[lang]}
        </p>
      ) : null}
    </section>
  );
}

function ReadbackForm({ db, tallyKey, row }: Props) {
  const { store, lang } = useEntry();
  const [name, setName] = useState('');
  const [error, setError] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const who = name.trim();
    if (who === '') return setError(m.nameRequired);
    if (row.tally.enteredBy && who === row.tally.enteredBy) return setError(m.samePerson);
    setBusy(true);
    setError(null);
    await store.settled();
    const result = await verifyReadback(db, tallyKey, who);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };

  return (
    <form className="entry-readback" onSubmit={(e) => void confirm(e)}>
      <p>{m.readbackHelp[lang]}</p>
      <label>
        {m.verifierName[lang]}
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      <button type="submit" disabled={busy}>
        {m.confirmReadback[lang]}
      </button>
      {error ? (
        <p role="alert" className="entry-error">
          {error[lang]}
        </p>
      ) : null}
    </form>
  );
}

function DoubleEntryStart({ db, tallyKey, row, onStartSecondEntry }: Props) {
  const { lang } = useEntry();
  const [name, setName] = useState(row.secondEntry?.by ?? '');
  const [error, setError] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);

  const start = (e: FormEvent) => {
    e.preventDefault();
    const who = name.trim();
    if (who === '') return setError(m.nameRequired);
    if (row.tally.enteredBy && who === row.tally.enteredBy) return setError(m.samePerson);
    onStartSecondEntry(who);
  };

  // After a correction of the first entry, compare the stored second entry again.
  const second = row.secondEntry;
  const compareAgain = async () => {
    if (!second) return;
    setBusy(true);
    const result = await saveSecondEntry(db, tallyKey, second.tally, second.by);
    setBusy(false);
    setError(result.ok ? null : result.error.message);
  };

  return (
    <div className="entry-double">
      <p>{m.doubleEntryHelp[lang]}</p>
      <form onSubmit={start}>
        <label>
          {m.secondEntryName[lang]}
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit">{m.startSecondEntry[lang]}</button>
      </form>
      {second ? (
        <button type="button" disabled={busy} onClick={() => void compareAgain()}>
          {m.compareEntries[lang]}
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="entry-error">
          {error[lang]}
        </p>
      ) : null}
    </div>
  );
}
