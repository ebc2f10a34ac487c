import { useId, useState, type FormEvent } from 'react';
import { desaOfTps, tpsCode, tpsNumberOf, type DesaCode, type TpsCode } from '../../domain/codes/codes.ts';
import {
  OBJECTION_KINDS,
  RAISED_BY_ROLES,
  type ObjectionDraft,
  type ObjectionKind,
  type ObjectionScope,
  type RaisedBy,
  type RaisedByRole,
  type ScopeLevel,
} from '../../domain/objections/index.ts';
import { findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { recordObjection, type ObjectionRow } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useTranslation } from '../i18n/index.ts';
import { IssueList, type PathIssue } from '../setup/IssueList.tsx';
import { parseWitness, witnessGroups } from './witnessOptions.ts';
import { useRoleView } from '../common/useRoleView.ts';

export interface ObjectionPrefill {
  tps?: TpsCode;
  contest?: ContestId;
}

const pad = (n: number) => String(n).padStart(3, '0');

/** Records one Model D.Kejadian Khusus dan/atau Keberatan entry; every input is labelled. */
export function ObjectionForm(props: { setup: Setup; actor: string; prefill?: ObjectionPrefill; onRecorded?: (row: ObjectionRow) => void }) {
  const { setup, prefill } = props;
  const { t } = useTranslation();
  const db = useAppDb();
  const id = useId();
  const [kind, setKind] = useState<ObjectionKind>('objection');
  const [level, setLevel] = useState<ScopeLevel>(prefill?.tps ? 'tps' : 'desa');
  const [desa, setDesa] = useState<DesaCode>(prefill?.tps ? desaOfTps(prefill.tps) : setup.desa[0]!.code);
  const [tpsNumber, setTpsNumber] = useState<string>(prefill?.tps ? String(tpsNumberOf(prefill.tps)) : '');
  const [contest, setContest] = useState<ContestId | ''>(prefill?.contest ?? '');
  const [role, setRole] = useState<RaisedByRole>('witness');
  const [witness, setWitness] = useState('');
  // On a witness's or Panwascam's own phone the person filing is its operator: one field less to type
  // (the chair's laptop records for others, so its field starts empty).
  const view = useRoleView();
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? (view?.readOnly ? props.actor : '');
  const [description, setDescription] = useState('');
  const [issues, setIssues] = useState<PathIssue[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const desaSetup = findDesa(setup, desa);
  const groups = witnessGroups(setup, contest === '' ? null : contest);

  const local = (path: string, key: string): PathIssue => ({ path, message: { id: t(key, { lng: 'id' }), en: t(key, { lng: 'en' }) } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSaved(false);
    const problems: PathIssue[] = [];
    let scope: ObjectionScope = { level: 'kecamatan' };
    if (level === 'desa') scope = { level: 'desa', desa };
    if (level === 'tps') {
      if (tpsNumber === '') problems.push(local('scope.tps', 'objections.chooseTps'));
      else scope = { level: 'tps', tps: tpsCode(desa, Number(tpsNumber)) };
    }
    let raisedBy: RaisedBy;
    const person = name.trim() || null;
    if (role === 'witness') {
      const of = parseWitness(witness);
      if (!of) problems.push(local('raisedBy.of', 'objections.chooseWitness'));
      raisedBy = { role: 'witness', of: of ?? { kind: 'party', number: 1 }, name: person };
    } else if (role === 'other') {
      if (!person) problems.push(local('raisedBy.name', 'objections.nameRequired'));
      raisedBy = { role: 'other', name: person ?? '' };
    } else {
      raisedBy = { role, name: person };
    }
    if (!description.trim()) problems.push(local('description', 'objections.descriptionRequired'));
    if (problems.length > 0) {
      setIssues(problems);
      return;
    }
    const draft: ObjectionDraft = { kind, scope, contest: contest === '' ? null : contest, raisedBy, description };
    setBusy(true);
    const result = await recordObjection(db, draft, props.actor);
    setBusy(false);
    if (!result.ok) {
      setIssues(result.error.kind === 'invalid-objection' ? result.error.issues : [{ path: '', message: result.error.message }]);
      return;
    }
    setIssues(null);
    setDescription('');
    setSaved(true);
    props.onRecorded?.(result.value);
  };

  return (
    <form className="objection-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('objections.newTitle')}</h2>
      <fieldset className="row">
        <legend>{t('objections.kind')}</legend>
        {OBJECTION_KINDS.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`objections.kind_${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-level`}>{t('objections.scope')}</label>
          <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as ScopeLevel)}>
            <option value="kecamatan">{t('objections.scope_kecamatan', { name: setup.kecamatan.name })}</option>
            <option value="desa">{t('objections.scope_desa')}</option>
            <option value="tps">{t('objections.scope_tps')}</option>
          </select>
        </div>
        {level !== 'kecamatan' && (
          <div className="field">
            <label htmlFor={`${id}-desa`}>{t('objections.desa')}</label>
            <select
              id={`${id}-desa`}
              value={desa}
              onChange={(e) => {
                setDesa(e.target.value as DesaCode);
                setTpsNumber('');
              }}
            >
              {setup.desa.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {level === 'tps' && (
          <div className="field">
            <label htmlFor={`${id}-tps`}>{t('objections.tps')}</label>
            <select id={`${id}-tps`} value={tpsNumber} onChange={(e) => setTpsNumber(e.target.value)}>
              <option value="">{t('objections.chooseTps')}</option>
              {(desaSetup?.tps ?? []).map((n) => (
                <option key={n} value={String(n)}>
                  {`TPS ${pad(n)}`}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-contest`}>{t('objections.contest')}</label>
          <select
            id={`${id}-contest`}
            value={contest}
            onChange={(e) => {
              setContest(e.target.value as ContestId | '');
              setWitness('');
            }}
          >
            <option value="">{t('objections.allContests')}</option>
            {setup.contests.map((c) => (
              <option key={c.id} value={c.id}>
                {t(`contest.${c.id}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('objections.raisedBy')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as RaisedByRole)}>
            {RAISED_BY_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`objections.role_${r}`)}
              </option>
            ))}
          </select>
        </div>
        {role === 'witness' && (
          <div className="field">
            <label htmlFor={`${id}-witness`}>{t('objections.witnessOf')}</label>
            <select id={`${id}-witness`} value={witness} onChange={(e) => setWitness(e.target.value)}>
              <option value="">{t('objections.chooseWitness')}</option>
              {groups.map((g) => (
                <optgroup key={g.kind} label={t(`objections.witness_${g.kind}`)}>
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{role === 'other' ? t('objections.whoOther') : t('objections.name')}</label>
          <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('objections.description')}</label>
        <textarea id={`${id}-description`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {issues && <IssueList title={t('objections.notSaved')} issues={issues} />}
      {saved && (
        <p className="banner ok" role="status">
          {t('objections.saved')}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('objections.save')}
      </button>
    </form>
  );
}
