import { useState } from 'react';
import type { LocalizedText } from '../../domain/common/text.ts';
import type { TallyKey, WarningAcceptance } from '../../domain/tally/tally.ts';
import { markEntered, type RekapDb } from '../../db/index.ts';
import { useEntry, useStore, useStoreKeys } from './context.ts';
import { markPanelId } from './markPanel.ts';
import { m } from './messages.ts';
import { WarningAcceptForm } from './WarningAcceptForm.tsx';
import { openWarnings } from './openWarnings.ts';
import { FINDINGS_KEYS } from './storeKeys.ts';

/**
 * "Selesai dientri": possible once every cell is entered and every open warning has been accepted
 * with a reason. Errors do not block it (they block verification).
 */
export function MarkEnteredPanel(props: { db: RekapDb; tallyKey: TallyKey; actor: string }) {
  const { store, lang } = useEntry();
  const missing = useStore(store, (s) => s.missingCount);
  const findings = useStoreKeys(store, FINDINGS_KEYS, (s) => s.findings);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);

  const warnings = openWarnings(store, findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const unaccepted = warnings.filter((w) => reasons[w.code] === undefined).length;
  const disabled = busy || missing > 0 || unaccepted > 0;

  const submit = async () => {
    setBusy(true);
    setError(null);
    await store.settled();
    const acceptances: WarningAcceptance[] = warnings.map((w) => ({ code: w.code, reason: reasons[w.code] ?? '' }));
    const result = await markEntered(props.db, props.tallyKey, props.actor, acceptances);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };

  return (
    <section id={markPanelId('')} className="entry-panel entry-mark" aria-labelledby="entry-mark-title">
      <h3 id="entry-mark-title">{m.markEntered[lang]}</h3>
      {missing > 0 ? (
        <p data-testid="missing-count">
          {missing} {m.missingCells[lang]}
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <>
          <p>{m.warningsNeedAcceptance[lang]}</p>
          <ul className="entry-accept-list">
            {warnings.map((w) => (
              <WarningAcceptForm
                key={w.code}
                finding={w}
                lang={lang}
                accepted={reasons[w.code] ?? null}
                onAccept={(reason) => setReasons((r) => ({ ...r, [w.code]: reason }))}
                onUndo={() =>
                  setReasons((r) => {
                    const next = { ...r };
                    delete next[w.code];
                    return next;
                  })
                }
              />
            ))}
          </ul>
        </>
      ) : null}
      {errors > 0 ? <p className="entry-note">{m.errorsBlockVerification[lang]}</p> : null}
      <button type="button" className="entry-primary" disabled={disabled} onClick={() => void submit()}>
        {m.markEntered[lang]}
      </button>
      {error ? (
        <p role="alert" className="entry-error">
          {error[lang]}
        </p>
      ) : null}
    </section>
  );
}
