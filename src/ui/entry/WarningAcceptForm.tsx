import { useState, type FormEvent } from 'react';
import type { Finding } from '../../domain/checks/types.ts';
import type { Language } from '../../domain/common/text.ts';
import { m } from './messages.ts';
import { FindingText } from './RowFindings.tsx';

/**
 * A warning is implausible but possible: it stays open until a person accepts it with a reason
 * (recorded with their name). One small inline form per warning.
 */
export function WarningAcceptForm(props: {
  finding: Finding;
  lang: Language;
  accepted: string | null;
  onAccept: (reason: string) => void | Promise<void>;
  onUndo?: () => void;
}) {
  const { finding, lang, accepted } = props;
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const inputId = `entry-accept-${finding.code}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    void props.onAccept(reason.trim());
  };

  return (
    <li className={`entry-accept ${accepted !== null ? 'entry-accept--done' : ''}`} data-code={finding.code}>
      <p className="entry-finding entry-finding--warning">
        <FindingText finding={finding} lang={lang} accepted={false} />
      </p>
      {accepted !== null ? (
        <p className="entry-accept-reason">
          {m.acceptedBecause[lang]}: {accepted}{' '}
          {props.onUndo ? (
            <button type="button" onClick={props.onUndo}>
              {m.cancel[lang]}
            </button>
          ) : null}
        </p>
      ) : (
        <form onSubmit={submit} className="entry-accept-form">
          <label htmlFor={inputId}>{`${m.acceptReason[lang]} ${finding.code}`}</label>
          <input id={inputId} type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" aria-invalid={missing ? true : undefined} />
          <button type="submit">{`${m.acceptWarning[lang]} ${finding.code}`}</button>
          {missing ? (
            <span role="alert" className="entry-error">
              {m.reasonRequired[lang]}
            </span>
          ) : null}
        </form>
      )}
    </li>
  );
}
