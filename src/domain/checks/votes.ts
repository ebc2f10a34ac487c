import { formatNumber as n } from '../common/text.ts';
import { fieldPath, type FieldPath } from '../tally/fields.ts';
import type { CandidateContestSetup, ContestSetup, PartyContestSetup } from '../setup/index.ts';
import type { CandidateTally, PartyTally, PartyVotes, Tally } from '../tally/tally.ts';
import { report } from './finding.ts';
import type { Finding } from './types.ts';

/** The W03 threshold when the contest setup does not set `invalidWarningThreshold`. */
export const DEFAULT_INVALID_WARNING_THRESHOLD = 0.1;

/** Sections IV and V: E06, E07, E08, E09 and W03. */
export function checkVotes(tally: Tally, contest: ContestSetup | undefined, out: Finding[]): void {
  const { valid, invalid, total } = tally;
  const b4 = tally.voters.usedTotal.total;

  if (valid !== null && invalid !== null && total !== null && valid + invalid !== total) {
    report(
      out, 'E06', tally,
      [fieldPath.valid, fieldPath.invalid, fieldPath.total],
      `Suara sah (${n(valid, 'id')}) + suara tidak sah (${n(invalid, 'id')}) = ${n(valid + invalid, 'id')} ≠ jumlah suara sah dan tidak sah (${n(total, 'id')})`,
      `Valid (${n(valid, 'en')}) + invalid votes (${n(invalid, 'en')}) = ${n(valid + invalid, 'en')} ≠ total votes (${n(total, 'en')})`,
    );
  }

  if (total !== null && b4 !== null && total !== b4) {
    report(
      out, 'E07', tally,
      [fieldPath.total, fieldPath.voter('usedTotal', 'total')],
      `Jumlah suara sah dan tidak sah (${n(total, 'id')}) ≠ jumlah pengguna hak pilih B.4 (${n(b4, 'id')})`,
      `Total votes (${n(total, 'en')}) ≠ total voters who voted, B.4 (${n(b4, 'en')})`,
    );
  }

  switch (tally.contest) {
    case 'PPWP':
    case 'DPD':
      // checkTally has made sure that a given contest setup is this tally's contest.
      checkCandidateVotes(tally, contest as CandidateContestSetup | undefined, out);
      break;
    default:
      checkPartyVotes(tally, contest as PartyContestSetup | undefined, out);
  }

  if (invalid !== null && total !== null && total > 0) {
    const threshold = contest?.invalidWarningThreshold ?? DEFAULT_INVALID_WARNING_THRESHOLD;
    // Compare the ratio, not invalid ≥ threshold × total: 0.07 × 900 = 63.00000000000001 would miss 63 of 900.
    if (invalid / total >= threshold) {
      const pct = threshold * 100;
      report(
        out, 'W03', tally,
        [fieldPath.invalid, fieldPath.total],
        `Suara tidak sah (${n(invalid, 'id')}) ≥ ${n(pct, 'id')}% dari jumlah suara sah dan tidak sah (${n(total, 'id')})`,
        `Invalid votes (${n(invalid, 'en')}) ≥ ${n(pct, 'en')}% of total votes (${n(total, 'en')})`,
      );
    }
  }
}

/** E08 for PPWP/DPD: valid = sum of the pairs'/candidates' votes, once every vote cell is entered. */
function checkCandidateVotes(tally: CandidateTally, contest: CandidateContestSetup | undefined, out: Finding[]): void {
  const valid = tally.valid;
  if (valid === null) return;
  const votes = tally.votes;
  // A choice of the setup that is missing from the tally is a cell not entered.
  if (contest) for (const c of contest.candidates) if (votes[String(c.number)] == null) return;
  let sum = 0;
  let cells = 0;
  for (const key in votes) {
    const v = votes[key];
    if (v === null || v === undefined) return;
    sum += v;
    cells++;
  }
  if (cells === 0 || sum === valid) return;
  const fields: FieldPath[] = [fieldPath.valid];
  for (const key in votes) fields.push(fieldPath.candidateVotes(key));
  reportE08(tally, fields, valid, sum, out);
}

/** E08 on the party totals B and E09 per party (B = A.1 + Σ A.2). */
function checkPartyVotes(tally: PartyTally, contest: PartyContestSetup | undefined, out: Finding[]): void {
  const votes = tally.votes;
  let sumOfTotals = 0;
  let complete = true;
  let parties = 0;
  for (const key in votes) {
    const party = votes[key]!;
    parties++;
    if (party.total === null) complete = false;
    else sumOfTotals += party.total;
    checkParty(tally, key, party, contest, out);
  }
  if (contest) {
    for (const p of contest.parties) {
      const party = votes[String(p.number)];
      if (!party || party.total === null) complete = false;
    }
  }
  const valid = tally.valid;
  if (valid === null || !complete || parties === 0 || sumOfTotals === valid) return;
  const fields: FieldPath[] = [fieldPath.valid];
  for (const key in votes) fields.push(fieldPath.partyTotal(key));
  reportE08(tally, fields, valid, sumOfTotals, out);
}

function reportE08(tally: Tally, fields: FieldPath[], valid: number, sum: number, out: Finding[]): void {
  report(
    out, 'E08', tally, fields,
    `Jumlah suara sah (${n(valid, 'id')}) ≠ jumlah perolehan suara (${n(sum, 'id')})`,
    `Valid votes (${n(valid, 'en')}) ≠ sum of votes (${n(sum, 'en')})`,
  );
}

function checkParty(
  tally: PartyTally,
  party: string,
  votes: PartyVotes,
  contest: PartyContestSetup | undefined,
  out: Finding[],
): void {
  const { partyOnly, total, candidates } = votes;
  if (partyOnly === null || total === null) return;
  if (contest) {
    // A candidate of the setup missing from the tally is a cell not entered.
    const number = Number(party);
    const setupParty = contest.parties.find((p) => p.number === number);
    if (setupParty) for (const c of setupParty.candidates) if (candidates[String(c.number)] == null) return;
  }
  let a2 = 0;
  for (const c in candidates) {
    const v = candidates[c];
    if (v === null || v === undefined) return;
    a2 += v;
  }
  if (partyOnly + a2 === total) return;
  const fields: FieldPath[] = [fieldPath.partyOnly(party)];
  for (const c in candidates) fields.push(fieldPath.partyCandidate(party, c));
  fields.push(fieldPath.partyTotal(party));
  report(
    out, 'E09', tally, fields,
    `Partai ${party}: jumlah suara partai dan calon B (${n(total, 'id')}) ≠ suara partai A.1 + suara calon A.2 (${n(partyOnly, 'id')} + ${n(a2, 'id')} = ${n(partyOnly + a2, 'id')})`,
    `Party ${party}: total B (${n(total, 'en')}) ≠ party-only A.1 + candidates A.2 (${n(partyOnly, 'en')} + ${n(a2, 'en')} = ${n(partyOnly + a2, 'en')})`,
  );
}
