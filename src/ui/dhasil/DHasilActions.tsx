import { useState } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import type { DHasilTable } from '../../domain/export/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { routeHash } from '../app/route.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { downloadDHasilCsv } from './csvDownload.ts';

/** CSV download and the printout of the table on screen, with what they (and the live sums) are doing. */
export function DHasilActions(props: { setup: Setup; table: DHasilTable; stale: boolean }) {
  const { setup, table } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const [exported, setExported] = useState<string | null>(null);
  const desa = table.level === 'desa' ? (table.area.code as DesaCode) : undefined;
  return (
    <div className="dhasil-actions">
      <button type="button" onClick={() => setExported(downloadDHasilCsv(setup, table, lang))}>
        {t('dhasil.downloadCsv')}
      </button>
      <a className="button" href={routeHash({ name: 'print', contest: table.contest, ...(desa ? { desa } : {}) })}>
        {t('dhasil.print')}
      </a>
      {props.stale && (
        <span role="status" className="hint">
          {t('dhasil.updating')}
        </span>
      )}
      {exported && (
        <span role="status" className="hint">
          {t('dhasil.csvSaved', { file: exported })}
        </span>
      )}
    </div>
  );
}
