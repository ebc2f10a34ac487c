import { useId, useState, type FormEvent } from 'react';
import {
  confirmFailureText,
  confirmHashGroups,
  pickGroupPositions,
  type ConfirmFailure,
} from '../../domain/summary/index.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { cryptoRandomInt } from './random.ts';

type State = { step: 'idle' } | { step: 'typing'; positions: number[] } | { step: 'accepted'; positions: number[] };

/**
 * The next level's import step: before a summary is accepted, a person types two groups of its hash
 * from the signed paper D.Hasil, at positions drawn at random each time. The screen hides the hash
 * meanwhile (ReportView's showHash), so the answer has to come from the paper.
 */
export function ConfirmPaper(props: {
  hash: string;
  onTypingChange: (typing: boolean) => void;
  onAccepted?: () => void;
  randomInt?: (maxExclusive: number) => number;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const baseId = useId();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [typed, setTyped] = useState<string[]>([]);
  const [failures, setFailures] = useState<ConfirmFailure[]>([]);

  const start = () => {
    const positions = pickGroupPositions(props.randomInt ?? cryptoRandomInt);
    setTyped(positions.map(() => ''));
    setFailures([]);
    setState({ step: 'typing', positions });
    props.onTypingChange(true);
  };
  const cancel = () => {
    setState({ step: 'idle' });
    props.onTypingChange(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.step !== 'typing') return;
    const result = confirmHashGroups(props.hash, state.positions, typed);
    if (result.ok) {
      setFailures([]);
      setState({ step: 'accepted', positions: state.positions });
      props.onTypingChange(false);
      props.onAccepted?.();
    } else {
      setFailures(result.error);
    }
  };

  return (
    <section className="card" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{t('verify.acceptTitle')}</h2>
      {state.step === 'idle' && (
        <>
          <p className="hint">{t('verify.acceptIntro')}</p>
          <button type="button" className="primary" onClick={start}>
            {t('verify.acceptStart')}
          </button>
        </>
      )}
      {state.step === 'typing' && (
        <form onSubmit={submit} noValidate>
          <p>{t('verify.acceptInstructions')}</p>
          {state.positions.map((position, i) => (
            <div className="field" key={position}>
              <label htmlFor={`${baseId}-${position}`}>{t('verify.acceptGroup', { n: position + 1 })}</label>
              <input
                id={`${baseId}-${position}`}
                type="text"
                className="hash-input"
                autoComplete="off"
                spellCheck={false}
                maxLength={9}
                autoFocus={i === 0}
                value={typed[i] ?? ''}
                aria-invalid={failures.some((f) => f.position === position)}
                onChange={(e) => setTyped((prev) => prev.map((v, j) => (j === i ? e.target.value : v)))}
              />
            </div>
          ))}
          {failures.length > 0 && (
            <ul className="banner error" role="alert">
              {failures.map((f) => (
                <li key={f.position}>{confirmFailureText(f)[lang]}</li>
              ))}
            </ul>
          )}
          <button type="submit" className="primary">
            {t('verify.acceptCheck')}
          </button>{' '}
          <button type="button" onClick={cancel}>
            {t('verify.acceptCancel')}
          </button>
        </form>
      )}
      {state.step === 'accepted' && (
        <div className="banner ok" role="status" data-testid="verify-accepted">
          {t('verify.acceptedPaper', { groups: state.positions.map((p) => p + 1).join(' & ') })}
        </div>
      )}
    </section>
  );
}
