import { Fragment, memo, useMemo } from 'react';
import type { CandidateContestSetup, Party, PartyContestSetup } from '../../../domain/setup/schema.ts';
import { fieldPath } from '../../../domain/tally/fields.ts';
import { useEntry, useStore } from '../context.ts';
import { ZERO_FILL_KEY } from '../zeroFill.ts';
import { FigureCell } from '../FigureCell.tsx';
import { m } from '../messages.ts';
import { RowFindings } from '../RowFindings.tsx';
import { RunningSum } from '../RunningSum.tsx';

/** The zero-fill key, said where it works (only while the form is typed freely). */
function ZeroFillHint() {
  const { store, lang } = useEntry();
  const locked = useStore(store, (s) => s.locked);
  if (locked) return null;
  return (
    <p className="entry-note" data-testid="zero-fill-hint">
      <kbd>{ZERO_FILL_KEY}</kbd> {m.zeroFillHint[lang]}
    </p>
  );
}

/** Section IV of PPWP (pairs) and DPD (individual candidates): one figure per ballot number. */
export const CandidateVotesSection = memo(function CandidateVotesSection({ contest }: { contest: CandidateContestSetup }) {
  const { lang } = useEntry();
  const title = contest.id === 'PPWP' ? m.sectionVotesPairs : m.sectionVotesCandidates;
  return (
    <section className="entry-section" aria-labelledby="entry-sec-votes">
      <h3 id="entry-sec-votes">{title[lang]}</h3>
      <ZeroFillHint />
      <table className="entry-table">
        <thead>
          <tr>
            <th scope="col">{m.description[lang]}</th>
            <th scope="col">{m.votes[lang]}</th>
          </tr>
        </thead>
        <tbody>
          {contest.candidates.map((c) => (
            <Fragment key={c.number}>
              <tr>
                <th scope="row">
                  <span className="entry-ballot-no">{c.number}.</span> {c.name}
                </th>
                <td>
                  <FigureCell path={fieldPath.candidateVotes(c.number)} />
                </td>
              </tr>
              <RowFindings anchor={`votes.${c.number}`} as="tr" colSpan={2} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
});

/** One party of an open-list contest: A.1 party-only, A.2 per candidate, B total (entered) with A.1 + ΣA.2 beside it. */
const PartyBlock = memo(function PartyBlock({ party }: { party: Party }) {
  const { lang } = useEntry();
  const addends = useMemo(
    () => [fieldPath.partyOnly(party.number), ...party.candidates.map((c) => fieldPath.partyCandidate(party.number, c.number))],
    [party],
  );
  const headingId = `entry-party-${party.number}`;
  return (
    <section className="entry-party" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span className="entry-ballot-no">{party.number}.</span> {party.abbreviation ?? party.name}
        {party.abbreviation && party.abbreviation !== party.name ? <span className="entry-party-name"> — {party.name}</span> : null}
      </h4>
      <table className="entry-table entry-table--party">
        <tbody>
          <tr>
            <th scope="row">{m.partyOnly[lang]}</th>
            <td>
              <FigureCell path={fieldPath.partyOnly(party.number)} />
            </td>
          </tr>
          {party.candidates.map((c) => (
            <tr key={c.number}>
              <th scope="row">
                <span className="entry-ballot-no">A.2 {c.number}.</span> {c.name}
              </th>
              <td>
                <FigureCell path={fieldPath.partyCandidate(party.number, c.number)} />
              </td>
            </tr>
          ))}
          <tr className="entry-total-row">
            <th scope="row">{m.partyTotal[lang]}</th>
            <td>
              <FigureCell path={fieldPath.partyTotal(party.number)} />
            </td>
          </tr>
          <tr className="entry-sum-row">
            <td colSpan={2}>
              <RunningSum addends={addends} target={fieldPath.partyTotal(party.number)} formula={m.sumParty} testId={`sum-party-${party.number}`} />
            </td>
          </tr>
          <RowFindings anchor={`votes.${party.number}`} as="tr" colSpan={2} />
        </tbody>
      </table>
    </section>
  );
});

/** Section IV of DPR / DPRD: each party's block, in ballot order. */
export const PartyVotesSection = memo(function PartyVotesSection({ contest }: { contest: PartyContestSetup }) {
  const { lang } = useEntry();
  return (
    <section className="entry-section" aria-labelledby="entry-sec-votes">
      <h3 id="entry-sec-votes">{m.sectionVotesParties[lang]}</h3>
      <ZeroFillHint />
      <div className="entry-parties">
        {contest.parties.map((p) => (
          <PartyBlock key={p.number} party={p} />
        ))}
      </div>
    </section>
  );
});
