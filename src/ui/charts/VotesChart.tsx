import { useId } from 'react';
import { choiceSeries, type DHasilTable } from '../../domain/export/index.ts';
import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';

/**
 * Colours for up to 20 choices (18 national parties), chosen to stay apart in print and for the
 * common colour-vision deficiencies as far as 20 colours can; the legend names them in ballot
 * order (the order of the segments), and the D.Hasil table is the exact, accessible alternative.
 */
export const PALETTE = [
  '#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f',
  '#aec7e8', '#ff9896', '#98df8a', '#ffbb78', '#c5b0d5', '#c49c94', '#f7b6d2', '#9edae5', '#dbdb8d', '#393b79',
];

const LABEL_W = 170;
const BAR_W = 520;
const SUM_W = 80;
const ROW_H = 22;
const GAP = 6;

/**
 * Votes per pair/party (its total B) per area of the table (desa, or TPS on a desa page), as
 * horizontal stacked bars scaled to the largest area. Areas with nothing entered draw no bar.
 */
export function VotesChart(props: { table: DHasilTable; title: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const series = choiceSeries(props.table);
  const areas = props.table.columns.flatMap((c, i) => (c.kind === 'total' ? [] : [{ column: c, index: i }]));
  const sums = areas.map(({ index }) => series.reduce((s, x) => s + (x.values[index] ?? 0), 0));
  const max = Math.max(1, ...sums);
  const height = areas.length * (ROW_H + GAP) + GAP;
  const n = (v: number) => formatNumber(v, lang);
  const colour = (k: number) => PALETTE[k % PALETTE.length]!;
  return (
    <figure className="votes-chart" data-testid="votes-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${LABEL_W + BAR_W + SUM_W} ${height}`}
        width="100%"
        style={{ maxWidth: `${LABEL_W + BAR_W + SUM_W}px` }}
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{t('chart.desc', { unit: t(`dhasil.unit.${props.table.level}`) })}</desc>
        {areas.map(({ column, index }, row) => {
          const y = GAP + row * (ROW_H + GAP);
          let x = LABEL_W;
          return (
            <g key={column.code} data-area={column.code}>
              <text x={LABEL_W - 6} y={y + ROW_H * 0.7} textAnchor="end" fontSize="12">
                {column.label[lang]}
              </text>
              {series.map((s, k) => {
                const v = s.values[index] ?? 0;
                if (v <= 0) return null;
                const w = (v / max) * BAR_W;
                // No per-segment <title>: hundreds of tooltips cost more than they give; the table has every figure.
                const rect = <rect key={s.key} x={x} y={y} width={w} height={ROW_H} fill={colour(k)} />;
                x += w;
                return rect;
              })}
              <text x={x + 4} y={y + ROW_H * 0.7} fontSize="12">
                {sums[row]! > 0 ? n(sums[row]!) : '—'}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend" aria-label={t('chart.legend')}>
          {series.map((s, k) => (
            <li key={s.key}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={colour(k)} />
              </svg>{' '}
              {s.label[lang]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
