import { useId } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { navigate } from '../app/route.ts';
import { useTranslation } from '../i18n/index.ts';
import './messages.ts';

/**
 * The area of the D.Hasil: the whole kecamatan or one desa. A select, not a row of 13+ links, so the
 * table starts in the first screen however many desa the kecamatan has. Choosing one opens that
 * page at once, like the tabs it replaces; the page stays, so focus stays on the select.
 */
export function DesaSelect(props: { setup: Setup; contest: ContestId; desa: DesaCode | undefined }) {
  const { setup, contest, desa } = props;
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="dhasil-desa">
      <label htmlFor={id}>{t('dhasilPage.desa')}</label>
      <select
        id={id}
        value={desa ?? ''}
        onChange={(e) => navigate(e.target.value ? { name: 'dhasil', contest, desa: e.target.value as DesaCode } : { name: 'dhasil', contest })}
      >
        <option value="">{t('dhasil.wholeKecamatan')}</option>
        {setup.desa.map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
}
