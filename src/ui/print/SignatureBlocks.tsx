import type { ContestSetup, Setup } from '../../domain/setup/index.ts';
import { useTranslation } from '../i18n/index.ts';

/** A PPK has five members: the chair and four others (UU 7/2017). */
export const PPK_MEMBERS = 5;

/** Whose witnesses may attend: each pair (PPWP), DPD candidate, or party of the contest. */
export function witnessSides(contest: ContestSetup, t: ReturnType<typeof useTranslation>['t']): string[] {
  switch (contest.id) {
    case 'PPWP':
      return contest.candidates.map((c) => t('print.witnessPair', { number: String(c.number).padStart(2, '0'), name: c.name }));
    case 'DPD':
      return contest.candidates.map((c) => t('print.witnessDpd', { number: c.number, name: c.name }));
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      return contest.parties.map((p) => t('print.witnessParty', { number: p.number, name: p.abbreviation ? `${p.abbreviation} (${p.name})` : p.name }));
  }
}

/**
 * Where the PPK chair and members and the witnesses present sign. The setup names no people, so
 * names are blank lines filled in by hand at the plenary; a witness row stays empty when no
 * witness of that side attended.
 */
export function SignatureBlocks(props: { setup: Setup; contest: ContestSetup; placeDate: string }) {
  const { t } = useTranslation();
  const { setup, contest } = props;
  const roles = Array.from({ length: PPK_MEMBERS }, (_, i) => (i === 0 ? t('print.chair') : t('print.member', { n: i })));
  return (
    <section className="signatures" data-testid="signatures" aria-labelledby="signatures-title">
      <h2 id="signatures-title">{t('print.signaturesTitle')}</h2>
      <p className="place-date">{props.placeDate}</p>
      <div className="signature-ppk">
        <h3>{t('print.ppkTitle', { name: setup.kecamatan.name })}</h3>
        <table className="signature-table">
          <thead>
            <tr>
              <th scope="col">{t('print.no')}</th>
              <th scope="col">{t('print.role')}</th>
              <th scope="col">{t('print.name')}</th>
              <th scope="col">{t('print.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role, i) => (
              <tr key={role}>
                <td>{i + 1}</td>
                <th scope="row">{role}</th>
                <td className="blank" />
                <td className="blank" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="signature-witnesses">
        <h3>{t('print.witnessesTitle')}</h3>
        <table className="signature-table">
          <thead>
            <tr>
              <th scope="col">{t('print.no')}</th>
              <th scope="col">{t('print.witnessOf')}</th>
              <th scope="col">{t('print.name')}</th>
              <th scope="col">{t('print.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {witnessSides(contest, t).map((side, i) => (
              <tr key={side}>
                <td>{i + 1}</td>
                <th scope="row">{side}</th>
                <td className="blank" />
                <td className="blank" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
