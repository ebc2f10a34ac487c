import { useId, useState, type FormEvent } from 'react';
import type { Finding } from '../../domain/checks/index.ts';
import { tallyKey } from '../../domain/tally/tally.ts';
import { acceptGroupWarning, type GroupWarningCode } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';

export const isGroupWarning = (f: Finding): f is Finding & { code: GroupWarningCode } => f.code === 'W04' || f.code === 'W05';

/**
 * Accepting W04/W05 with a reason, from the findings list: these compare several forms, so the
 * entry form of one TPS cannot offer them. `label` names the TPS and contest for screen readers.
 */
export function AcceptGroupWarning(props: { finding: Finding & { code: GroupWarningCode }; actor: string; label: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={t('discrepancies.acceptFor', { what: props.label })}>
        {t('discrepancies.accept')}
      </button>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!props.actor.trim()) return setError(t('discrepancies.acceptNoName'));
    if (!reason.trim()) return setError(t('discrepancies.acceptReasonRequired'));
    const { finding } = props;
    const result = await acceptGroupWarning(db, tallyKey(finding), props.actor, { code: finding.code, reason: reason.trim() });
    // On success the live list re-renders this row as accepted and this form goes away.
    setError(result.ok ? null : result.error.message[lang]);
  };

  return (
    <form className="discrepancy-accept" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-reason`}>{t('discrepancies.acceptReason', { what: props.label })}</label>
      <input id={`${id}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" autoFocus />
      <button type="submit">{t('discrepancies.acceptSubmit', { code: props.finding.code })}</button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('discrepancies.acceptCancel')}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
