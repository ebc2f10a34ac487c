import type { Setup } from '../../domain/setup/index.ts';
import { useTranslation } from '../i18n/index.ts';

interface FilterSelectProps<V extends string> {
  id: string;
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
}

/** A labelled "all contests / one contest" filter, the same on every list screen. */
export function ContestFilter<V extends string>(props: FilterSelectProps<V> & { setup: Setup }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as V | '')}>
        <option value="">{t('discrepancies.all')}</option>
        {props.setup.contests.map((c) => (
          <option key={c.id} value={c.id}>
            {t(`contest.${c.id}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled "all desa / one desa" filter, in setup order. */
export function DesaFilter<V extends string>(props: FilterSelectProps<V> & { setup: Setup }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as V | '')}>
        <option value="">{t('discrepancies.all')}</option>
        {props.setup.desa.map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}
