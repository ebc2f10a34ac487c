import { useState } from 'react';
import { SECTION_TITLES, type DHasilColumn, type DHasilRow, type DHasilTable } from '../../domain/export/index.ts';
import type { TpsCode } from '../../domain/codes/codes.ts';
import { formatFigure, formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { routeHash } from '../app/route.ts';
import { useTranslation } from '../i18n/index.ts';

/** Cards drawn at first; the rest on request (a desa's lampiran can have 300 TPS). */
export const CARDS_AT_ONCE = 20;

/** The rows a card shows open: the votes (per pair, candidate or party total) and section V. */
const HEADLINE: readonly DHasilRow['kind'][] = ['choice', 'partyTotal', 'result'];

/**
 * The D.Hasil on a phone (issue 16): one card per column — the total (kecamatan or desa) first,
 * then each desa or TPS — with its coverage, the votes and section V; every other figure folded
 * under "Semua angka". Nothing is wider than the screen, and the total is on the first screen.
 */
export function DHasilCards(props: { table: DHasilTable; caption: string }) {
  const { table } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const [count, setCount] = useState(CARDS_AT_ONCE);
  const total = table.columns.findIndex((c) => c.kind === 'total');
  const order = [...(total >= 0 ? [total] : []), ...table.columns.flatMap((c, i) => (c.kind === 'total' ? [] : [i]))];
  const shown = order.slice(0, count + 1);
  const rest = order.length - shown.length;
  const unit = t(`dhasil.unit.${table.level}`);
  return (
    <section className="dhasil-cards" data-testid="dhasil-cards" data-level={table.level} data-contest={table.contest} aria-label={props.caption}>
      <p className="hint">{t('dhasil.cards', { unit })}</p>
      {shown.map((i) => (
        <Card key={table.columns[i]!.code} table={table} index={i} />
      ))}
      {rest > 0 && (
        <button type="button" onClick={() => setCount((c) => c + CARDS_AT_ONCE)}>
          {t('dhasil.moreCards', { n: formatNumber(Math.min(rest, CARDS_AT_ONCE), lang), unit })}
        </button>
      )}
    </section>
  );
}

function Card(props: { table: DHasilTable; index: number }) {
  const { table, index } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const column = table.columns[index]!;
  const [open, setOpen] = useState(false);
  const headline = table.rows.filter((r) => HEADLINE.includes(r.kind));
  const titleId = `dhasil-card-${column.code}`;
  return (
    <article className={`dhasil-card dhasil-card--${column.kind}`} data-col={column.code} data-kind={column.kind} aria-labelledby={titleId}>
      <h2 id={titleId} className="dhasil-card-title">
        {column.kind === 'desa' && column.inSetup ? <a href={routeHash({ name: 'dhasil', contest: table.contest, desa: column.code as never })}>{column.label[lang]}</a> : column.label[lang]}
      </h2>
      <CardNote column={column} />
      <dl className="dhasil-card-figures">
        {headline.map((row) => (
          <Figure key={row.path} row={row} value={row.values[index]} lang={lang} />
        ))}
      </dl>
      <details className="dhasil-card-all" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('dhasil.allFigures')}</summary>
        {open && <AllFigures table={table} index={index} />}
      </details>
      {column.kind === 'tps' && (
        <p className="dhasil-card-links">
          <a href={routeHash({ name: 'entry', tps: column.code as TpsCode, contest: table.contest })}>{t('dhasil.openForm')}</a>
          <a href={routeHash({ name: 'objections', tps: column.code as TpsCode, contest: table.contest })}>{t('dhasil.objectTo')}</a>
        </p>
      )}
    </article>
  );
}

function CardNote(props: { column: DHasilColumn }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const c = props.column;
  if (c.kind === 'tps') {
    const state = c.coverage.included === 0 ? 'missing' : c.coverage.unverified.length > 0 ? (c.status ?? 'draft') : 'verified';
    return (
      <p className={`dhasil-card-note col-note col-${state}`} data-state={state}>
        {t(`dhasil.tpsState.${state}`)}
      </p>
    );
  }
  const partial = c.coverage.included < c.coverage.expected || c.coverage.unverified.length > 0;
  return (
    <p className={`dhasil-card-note col-note ${partial ? 'col-partial' : 'col-complete'}`}>
      {t('dhasil.colCoverage', { included: formatNumber(c.coverage.included, lang), expected: formatNumber(c.coverage.expected, lang) })}
      {c.coverage.unverified.length > 0 && <> · {t('dhasil.colUnverified', { n: formatNumber(c.coverage.unverified.length, lang) })}</>}
    </p>
  );
}

function Figure(props: { row: DHasilRow; value: number | null | undefined; lang: 'id' | 'en' }) {
  const { row, lang } = props;
  return (
    <div className={`dhasil-card-row dhasil-${row.kind}`} data-path={row.path}>
      <dt>{row.kind === 'partyTotal' ? `${row.party}. ${row.partyName ?? ''}` : row.shortLabel[lang]}</dt>
      <dd>{formatFigure(props.value, lang)}</dd>
    </div>
  );
}

/** Every row of the column, under its section heading (drawn only when opened). */
function AllFigures(props: { table: DHasilTable; index: number }) {
  const lang = useLanguage();
  const sections = [...new Set(props.table.rows.map((r) => r.section))];
  return (
    <>
      {sections.map((s) => (
        <div key={s}>
          <h3 className="dhasil-card-section">{SECTION_TITLES[s][lang]}</h3>
          <dl className="dhasil-card-figures">
            {props.table.rows
              .filter((r) => r.section === s)
              .map((row) => (
                <div key={row.path} className={`dhasil-card-row dhasil-${row.kind}`} data-path={row.path}>
                  <dt>{row.label[lang]}</dt>
                  <dd>{formatFigure(row.values[props.index], lang)}</dd>
                </div>
              ))}
          </dl>
        </div>
      ))}
    </>
  );
}
