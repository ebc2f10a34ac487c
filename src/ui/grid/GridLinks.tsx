import type { DesaCode } from '../../domain/codes/codes.ts';
import { findContest, type Setup } from '../../domain/setup/index.ts';
import { routeHash } from '../app/route.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { GRID_CONTESTS } from './gridContests.ts';
import { g } from './messages.ts';

/** The desa screen's way into the grid: one link per contest the grid is offered for. */
export function GridLinks(props: { setup: Setup; desa: DesaCode }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const offered = GRID_CONTESTS.filter((id) => findContest(props.setup, id));
  if (offered.length === 0) return null;
  return (
    <p className="grid-links" data-testid="grid-links">
      {offered.map((id) => (
        <a key={id} className="grid-link" href={routeHash({ name: 'grid', desa: props.desa, contest: id })}>
          {g.links[lang]}: {t(`contest.${id}`)}
        </a>
      ))}
    </p>
  );
}
