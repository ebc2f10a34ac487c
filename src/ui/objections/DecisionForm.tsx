import { useId, useState, type FormEvent } from 'react';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../../domain/objections/index.ts';
import { decideObjection, type ObjectionRow } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';

/** The plenary's decision on one objection: an outcome and a note (both required). */
export function DecisionForm(props: { row: ObjectionRow; actor: string; number: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const id = useId();
  const current = props.row.objection.decision;
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>(current.status === 'pending' ? '' : current.status);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (outcome === '') return setError(t('objections.chooseDecision'));
    if (!note.trim()) return setError(t('objections.noteRequired'));
    setBusy(true);
    const r = await decideObjection(db, props.row.id, { status: outcome, note }, props.actor);
    setBusy(false);
    if (!r.ok) return setError(r.error.message[lang]);
    setError(null);
    setNote('');
  };

  return (
    <form className="decision-form row" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t('objections.decisionFor', { number: props.number })}</label>
        <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as DecisionOutcome | '')}>
          <option value="">{t('objections.chooseDecision')}</option>
          {DECISION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`objections.decision_${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('objections.decisionNote', { number: props.number })}</label>
        <input id={`${id}-note`} type="text" value={note} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <button type="submit" disabled={busy}>
          {current.status === 'pending' ? t('objections.decide', { number: props.number }) : t('objections.changeDecision', { number: props.number })}
        </button>
      </div>
      {error && (
        <p role="alert" className="banner error">
          {error}
        </p>
      )}
    </form>
  );
}
