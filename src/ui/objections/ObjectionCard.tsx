import { DECISION_TEXT, KIND_TEXT, raisedByText, scopeText } from '../../domain/objections/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ObjectionRow } from '../../db/index.ts';
import { routeHash } from '../app/route.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useRoleView } from '../common/useRoleView.ts';
import { useTranslation } from '../i18n/index.ts';
import { CorrectionLinker } from './CorrectionLinker.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { LinkedCorrections } from './LinkedCorrections.tsx';

/** One objection/special event: what, who, where, the decision (with its form) and its corrections. */
export function ObjectionCard(props: { setup: Setup; row: ObjectionRow; number: number; actor: string }) {
  const { setup, row, number } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const view = useRoleView();
  const o = row.objection;
  const decision = o.decision;
  const titleId = `objection-${row.id}`;
  return (
    <article className={`card objection objection--${decision.status}`} aria-labelledby={titleId} data-testid="objection" data-decision={decision.status}>
      <h3 id={titleId}>
        {t('objections.number', { number })} · {KIND_TEXT[o.kind][lang]} · {scopeText(setup, o.scope)[lang]} · {o.contest ? t(`contest.${o.contest}`) : t('objections.allContests')}
      </h3>
      <dl className="facts">
        <dt>{t('objections.raisedBy')}</dt>
        <dd>{raisedByText(setup, o.raisedBy)[lang]}</dd>
        <dt>{t('objections.description')}</dt>
        <dd className="objection-description">{o.description}</dd>
        <dt>{t('objections.recorded')}</dt>
        <dd>
          {o.recordedBy}, {formatWib(o.recordedAt, lang)}
        </dd>
        <dt>{t('objections.decision')}</dt>
        <dd data-testid="objection-decision">
          <strong>{DECISION_TEXT[decision.status][lang]}</strong>
          {decision.status !== 'pending' && ` — ${decision.note} (${decision.by}, ${formatWib(decision.at, lang)})`}
        </dd>
        <dt>{t('objections.corrections')}</dt>
        <dd>
          <LinkedCorrections setup={setup} links={o.corrections} />
        </dd>
      </dl>
      {o.scope.level === 'tps' && (
        <p>
          <a href={routeHash({ name: 'entry', tps: o.scope.tps, contest: o.contest ?? setup.contests[0]!.id })}>{t('objections.openForm')}</a>
        </p>
      )}
      {/* Only the roles the workflow lets decide and link are offered the forms (the chair). */}
      {view?.may['decide-objection'] && <DecisionForm row={row} actor={props.actor} number={number} />}
      {view?.may['link-corrections'] && <CorrectionLinker setup={setup} row={row} actor={props.actor} number={number} />}
      {row.history.length > 1 && (
        <details>
          <summary>{t('objections.history', { count: row.history.length })}</summary>
          <ul>
            {row.history.map((e, i) => (
              <li key={i}>
                {formatWib(e.at, lang)} — {e.by}: {t(`objections.event_${e.action}`)}
                {e.action === 'decided' && e.after.status !== 'pending' ? ` (${DECISION_TEXT[e.after.status][lang]}: ${e.after.note})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
