import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatNumber, type LocalizedText } from '../../domain/common/text.ts';
import { fieldLabel } from '../../domain/setup/lookup.ts';
import type { Figure } from '../../domain/tally/tally.ts';
import { useEntry, useStore } from './context.ts';
import type { PendingCorrection } from './entryStore.ts';
import { m } from './messages.ts';

/**
 * After "Selesai dientri" a change is a correction (pembetulan): it is saved only with a reason,
 * which the history keeps. Cancelling puts the stored figure back into the cell.
 */
export function CorrectionDialog() {
  const { store } = useEntry();
  const correction = useStore(store, (s) => s.correction);
  if (!correction) return null;
  // A fresh dialog (empty reason, no error) for every correction.
  return <CorrectionForm key={`${correction.path}:${correction.after}`} correction={correction} />;
}

function CorrectionForm({ correction }: { correction: PendingCorrection }) {
  const { store, contest, lang, focusPath, idPrefix } = useEntry();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  const show = (v: Figure) => (v === null ? m.empty[lang] : formatNumber(v, 'id'));
  const titleId = `${idPrefix}correction-title`;

  const cancel = () => {
    const path = correction.path;
    store.cancelCorrection();
    focusPath(path);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError(m.reasonRequired);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const { path, then } = correction;
    const failure = await store.confirmCorrection(reason.trim());
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    focusPath(then ?? path);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };

  return (
    <div className="entry-dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="entry-dialog" onKeyDown={onKeyDown}>
        <h3 id={titleId}>{m.correctionTitle[lang]}</h3>
        <p className="entry-dialog-change">
          <strong>{fieldLabel(contest, correction.path, lang)}</strong>: {show(correction.before)} → {show(correction.after)}
        </p>
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {m.correctionReason[lang]}
            <input
              ref={inputRef}
              type="text"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${titleId}-error` : undefined}
              autoComplete="off"
            />
          </label>
          {error ? (
            <p id={`${titleId}-error`} role="alert" className="entry-error">
              {error[lang]}
            </p>
          ) : null}
          <div className="entry-dialog-buttons">
            <button type="submit" disabled={busy}>
              {m.correctionSave[lang]}
            </button>
            <button type="button" onClick={cancel}>
              {m.cancel[lang]}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
