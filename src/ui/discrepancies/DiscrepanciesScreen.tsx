import { useLiveQuery } from 'dexie-react-hooks';
import { ContestFilter, DesaFilter } from '../common/FilterSelects.tsx';
import { useId, useMemo, useState } from 'react';
import { CHECK_CODES, type CheckCode, type Severity } from '../../domain/checks/index.ts';
import { tpsNumberOf, type DesaCode } from '../../domain/codes/codes.ts';
import { findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { listObjections } from '../../db/index.ts';
import { routeHash } from '../app/route.ts';
import { useAppDb } from '../common/db.ts';
import { useTallyList } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { useRoleView } from '../common/useRoleView.ts';
import { useTranslation } from '../i18n/index.ts';
import { AcceptGroupWarning, isGroupWarning } from './AcceptGroupWarning.tsx';
import { buildDiscrepancies, type Discrepancy, type DiscrepancyState } from './discrepancyIndex.ts';
import './discrepancies.css';

/** Rows rendered at once; the rest on request (a fresh kecamatan can list thousands). */
const PAGE = 200;

interface Filters {
  contest: ContestId | '';
  desa: DesaCode | '';
  severity: Severity | '';
  code: CheckCode | '';
  state: DiscrepancyState | '';
}
const NO_FILTERS: Filters = { contest: '', desa: '', severity: '', code: '', state: '' };

function matches(d: Discrepancy, f: Filters): boolean {
  return (
    (f.contest === '' || d.finding.contest === f.contest) &&
    (f.desa === '' || d.desa === f.desa) &&
    (f.severity === '' || d.finding.severity === f.severity) &&
    (f.code === '' || d.finding.code === f.code) &&
    (f.state === '' || d.state === f.state)
  );
}

/** `#/temuan`: every finding across the kecamatan, errors first, each a link to its form. */
export function DiscrepanciesScreen(props: { setup: Setup; actor: string }) {
  const { setup } = props;
  const { t } = useTranslation();
  const db = useAppDb();
  const list = useTallyList();
  const objections = useLiveQuery(() => listObjections(db), [db]);
  // Accepting a warning is a step of the form's workflow: offered to the roles the table lets take it.
  const view = useRoleView();
  const all = useMemo(
    () => (list && objections && view ? buildDiscrepancies(setup, list.rows, objections.rows.map((r) => r.objection)) : undefined),
    [setup, list, objections, view],
  );
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [limit, setLimit] = useState(PAGE);
  const shown = useMemo(() => (all ?? []).filter((d) => matches(d, filters)), [all, filters]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setLimit(PAGE);
  };

  const count = (pred: (d: Discrepancy) => boolean) => (all ?? []).filter(pred).length;
  return (
    <section aria-labelledby="discrepancies-title" className="discrepancies">
      <h1 id="discrepancies-title">{t('discrepancies.title')}</h1>
      <p className="hint">{t('discrepancies.intro')}</p>
      {all === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          <p data-testid="discrepancy-summary">
            {t('discrepancies.summary', {
              errors: count((d) => d.finding.severity === 'error' && d.state === 'open'),
              warnings: count((d) => d.finding.severity === 'warning' && d.state === 'open'),
              accepted: count((d) => d.state === 'accepted'),
              covered: count((d) => d.state === 'covered'),
            })}
          </p>
          <FilterBar setup={setup} filters={filters} onChange={set} />
          {shown.length === 0 ? (
            <p role="status">{t('discrepancies.none')}</p>
          ) : (
            <>
              <p className="hint" role="status">
                {t('discrepancies.shown', { shown: Math.min(limit, shown.length), total: shown.length })}
              </p>
              <DiscrepancyTable setup={setup} items={shown.slice(0, limit)} actor={props.actor} mayAccept={view?.may['accept-warnings'] === true} />
              {shown.length > limit && (
                <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
                  {t('discrepancies.showMore', { count: Math.min(PAGE, shown.length - limit) })}
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

function FilterBar(props: { setup: Setup; filters: Filters; onChange: <K extends keyof Filters>(key: K, value: Filters[K]) => void }) {
  const { setup, filters, onChange } = props;
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="row discrepancy-filters">
      <legend>{t('discrepancies.filters')}</legend>
      <ContestFilter id={`${id}-contest`} label={t('discrepancies.contest')} setup={setup} value={filters.contest} onChange={(v) => onChange('contest', v)} />
      <DesaFilter id={`${id}-desa`} label={t('discrepancies.desa')} setup={setup} value={filters.desa} onChange={(v) => onChange('desa', v)} />
      <div className="field">
        <label htmlFor={`${id}-severity`}>{t('discrepancies.severity')}</label>
        <select id={`${id}-severity`} value={filters.severity} onChange={(e) => onChange('severity', e.target.value as Filters['severity'])}>
          <option value="">{t('discrepancies.all')}</option>
          <option value="error">{t('discrepancies.error')}</option>
          <option value="warning">{t('discrepancies.warning')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('discrepancies.code')}</label>
        <select id={`${id}-code`} value={filters.code} onChange={(e) => onChange('code', e.target.value as Filters['code'])}>
          <option value="">{t('discrepancies.all')}</option>
          {CHECK_CODES.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-state`}>{t('discrepancies.state')}</label>
        <select id={`${id}-state`} value={filters.state} onChange={(e) => onChange('state', e.target.value as Filters['state'])}>
          <option value="">{t('discrepancies.all')}</option>
          <option value="open">{t('discrepancies.stateOpen')}</option>
          <option value="accepted">{t('discrepancies.stateAccepted')}</option>
          <option value="covered">{t('discrepancies.stateCovered')}</option>
        </select>
      </div>
    </fieldset>
  );
}

const pad = (n: number) => String(n).padStart(3, '0');

function DiscrepancyTable(props: { setup: Setup; items: Discrepancy[]; actor: string; mayAccept: boolean }) {
  const { mayAccept } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <table className="discrepancy-table" data-testid="discrepancy-table">
      <thead>
        <tr>
          <th scope="col">{t('discrepancies.colCode')}</th>
          <th scope="col">{t('discrepancies.colState')}</th>
          <th scope="col">{t('discrepancies.colTps')}</th>
          <th scope="col">{t('discrepancies.colContest')}</th>
          <th scope="col">{t('discrepancies.colMessage')}</th>
          <th scope="col">{t('discrepancies.colStatus')}</th>
          <th scope="col">{t('discrepancies.colAction')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((d, i) => {
          const f = d.finding;
          const desaName = findDesa(props.setup, d.desa)?.name ?? d.desa;
          return (
            <tr key={`${f.tps}:${f.contest}:${f.code}:${i}`} className={`discrepancy discrepancy--${f.severity} discrepancy--${d.state}`} data-code={f.code} data-state={d.state}>
              <td>
                <span className={`chip ${f.severity === 'error' ? 'chip-errors' : 'chip-warnings'}`}>{f.code}</span>
              </td>
              <td>{t(`discrepancies.state${d.state === 'open' ? 'Open' : d.state === 'accepted' ? 'Accepted' : 'Covered'}`)}</td>
              <td>
                <a href={routeHash({ name: 'entry', tps: f.tps, contest: f.contest })}>{t('discrepancies.tpsLink', { desa: desaName, number: pad(tpsNumberOf(f.tps)) })}</a>
              </td>
              <td>{t(`contest.${f.contest}`)}</td>
              <td>{f.message[lang]}</td>
              <td>{t(`status.${d.status}`)}</td>
              <td>
                {mayAccept && d.state === 'open' && isGroupWarning(f) ? (
                  <AcceptGroupWarning
                    finding={f}
                    actor={props.actor}
                    label={t('discrepancies.findingAt', { code: f.code, desa: desaName, number: pad(tpsNumberOf(f.tps)), contest: t(`contest.${f.contest}`) })}
                  />
                ) : null}
                <a
                  href={routeHash({ name: 'objections', tps: f.tps, contest: f.contest })}
                  aria-label={t('discrepancies.recordObjectionFor', { desa: desaName, number: pad(tpsNumberOf(f.tps)), contest: t(`contest.${f.contest}`), code: f.code })}
                >
                  {t('discrepancies.recordObjection')}
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
