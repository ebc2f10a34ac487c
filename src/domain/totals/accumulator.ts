import { assertNever, isPartyContest, type ContestId } from '../tally/contest.ts';
import { BALLOT_FIELDS, VOTER_ROWS, type Figure, type GenderRow, type PartyVotes, type Tally } from '../tally/tally.ts';
import type { ContestSetup } from '../setup/schema.ts';
import type { TallyFigures } from './types.ts';

/**
 * Running sums of every figure of one contest. A sum is over the tallies where the figure is
 * entered: null + x = x, x + null = x, null + null = null. `null` is never read as 0, so a cell
 * entered nowhere stays visibly "not entered" in the D.Hasil instead of showing a false 0.
 *
 * Accumulators are mutable on purpose: summing 1,591 TPS × 5 contests must stay linear and cheap,
 * so figures are added in place and copied out once by `toFigures`.
 */
export interface Accumulator {
  readonly contest: ContestId;
  figures: MutableFigures;
  tpsIncluded: number;
}

type CandidateVotes = Record<string, Figure>;
type PartyVoteMap = Record<string, PartyVotes>;

interface MutableFigures {
  voters: Record<(typeof VOTER_ROWS)[number], GenderRow>;
  ballots: Record<(typeof BALLOT_FIELDS)[number], Figure>;
  disabled: GenderRow;
  votes: CandidateVotes | PartyVoteMap;
  valid: Figure;
  invalid: Figure;
  total: Figure;
}

export const addFigure = (a: Figure, b: Figure | undefined): Figure =>
  b === null || b === undefined ? a : a === null ? b : a + b;

const emptyRow = (): GenderRow => ({ male: null, female: null, total: null });

export function createAccumulator(contest: ContestId, setup?: ContestSetup): Accumulator {
  const acc: Accumulator = {
    contest,
    tpsIncluded: 0,
    figures: {
      voters: { dpt: emptyRow(), usedDpt: emptyRow(), usedDptb: emptyRow(), usedDpk: emptyRow(), usedTotal: emptyRow() },
      ballots: { received: null, used: null, returned: null, unused: null },
      disabled: emptyRow(),
      votes: {},
      valid: null,
      invalid: null,
      total: null,
    },
  };
  if (setup && setup.id === contest) seedChoices(acc, setup);
  return acc;
}

/** Every choice of the contest appears in the totals, even when no TPS has entered it yet. */
function seedChoices(acc: Accumulator, setup: ContestSetup): void {
  switch (setup.id) {
    case 'PPWP':
    case 'DPD': {
      const votes = acc.figures.votes as CandidateVotes;
      for (const c of setup.candidates) votes[String(c.number)] ??= null;
      return;
    }
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB': {
      const votes = acc.figures.votes as PartyVoteMap;
      for (const p of setup.parties) {
        const party = (votes[String(p.number)] ??= { partyOnly: null, candidates: {}, total: null });
        for (const c of p.candidates) party.candidates[String(c.number)] ??= null;
      }
      return;
    }
    default:
      assertNever(setup);
  }
}

function addRow(into: GenderRow, row: GenderRow): void {
  into.male = addFigure(into.male, row.male);
  into.female = addFigure(into.female, row.female);
  into.total = addFigure(into.total, row.total);
}

/**
 * Adds one tally of the accumulator's contest (callers filter by contest). Returns whether the tally
 * has any entered figure, i.e. whether it counts towards `tpsIncluded`.
 */
export function addTally(acc: Accumulator, tally: Tally): boolean {
  if (tally.contest !== acc.contest) throw new Error(`addTally: ${tally.contest} tally added to ${acc.contest} sums`);
  const f = acc.figures;
  for (const row of VOTER_ROWS) addRow(f.voters[row], tally.voters[row]);
  for (const b of BALLOT_FIELDS) f.ballots[b] = addFigure(f.ballots[b], tally.ballots[b]);
  addRow(f.disabled, tally.disabled);
  f.valid = addFigure(f.valid, tally.valid);
  f.invalid = addFigure(f.invalid, tally.invalid);
  f.total = addFigure(f.total, tally.total);
  switch (tally.contest) {
    case 'PPWP':
    case 'DPD':
      addCandidateVotes(f.votes as CandidateVotes, tally.votes);
      break;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      addPartyVotes(f.votes as PartyVoteMap, tally.votes);
      break;
    default:
      assertNever(tally);
  }
  const entered = hasEnteredFigure(tally);
  if (entered) acc.tpsIncluded += 1;
  return entered;
}

function addCandidateVotes(into: CandidateVotes, votes: CandidateVotes): void {
  for (const key of Object.keys(votes)) into[key] = addFigure(into[key] ?? null, votes[key]);
}

function addPartyVotes(into: PartyVoteMap, votes: PartyVoteMap): void {
  for (const key of Object.keys(votes)) {
    const party = votes[key]!;
    const sum = (into[key] ??= { partyOnly: null, candidates: {}, total: null });
    sum.partyOnly = addFigure(sum.partyOnly, party.partyOnly);
    sum.total = addFigure(sum.total, party.total);
    addCandidateVotes(sum.candidates, party.candidates);
  }
}

/** Adds one accumulator's sums into another (desa → kecamatan). */
export function mergeInto(acc: Accumulator, other: Accumulator): void {
  if (other.contest !== acc.contest) throw new Error('mergeInto: contests differ');
  const f = acc.figures;
  const o = other.figures;
  for (const row of VOTER_ROWS) addRow(f.voters[row], o.voters[row]);
  for (const b of BALLOT_FIELDS) f.ballots[b] = addFigure(f.ballots[b], o.ballots[b]);
  addRow(f.disabled, o.disabled);
  f.valid = addFigure(f.valid, o.valid);
  f.invalid = addFigure(f.invalid, o.invalid);
  f.total = addFigure(f.total, o.total);
  if (isPartyContest(acc.contest)) addPartyVotes(f.votes as PartyVoteMap, o.votes as PartyVoteMap);
  else addCandidateVotes(f.votes as CandidateVotes, o.votes as CandidateVotes);
  acc.tpsIncluded += other.tpsIncluded;
}

const rowEntered = (r: GenderRow) => r.male !== null || r.female !== null || r.total !== null;

/** True when at least one figure of the tally is entered (an all-null tally counts as missing). */
export function hasEnteredFigure(tally: Tally): boolean {
  if (tally.valid !== null || tally.invalid !== null || tally.total !== null) return true;
  for (const row of VOTER_ROWS) if (rowEntered(tally.voters[row])) return true;
  for (const b of BALLOT_FIELDS) if (tally.ballots[b] !== null) return true;
  if (rowEntered(tally.disabled)) return true;
  switch (tally.contest) {
    case 'PPWP':
    case 'DPD':
      for (const key in tally.votes) if (tally.votes[key] !== null) return true;
      return false;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      for (const key in tally.votes) {
        const p = tally.votes[key]!;
        if (p.partyOnly !== null || p.total !== null) return true;
        for (const c in p.candidates) if (p.candidates[c] !== null) return true;
      }
      return false;
    default:
      return assertNever(tally);
  }
}

const copyRow = (r: GenderRow): GenderRow => ({ male: r.male, female: r.female, total: r.total });

/**
 * A fresh, immutable-by-convention copy in the tally's key order (contest, I, II, III, IV, V).
 * Vote keys are ballot numbers, which JavaScript objects iterate in ascending numeric order, so
 * the result does not depend on the order the tallies came in.
 */
export function toFigures(acc: Accumulator): TallyFigures {
  const f = acc.figures;
  const base = {
    voters: {
      dpt: copyRow(f.voters.dpt),
      usedDpt: copyRow(f.voters.usedDpt),
      usedDptb: copyRow(f.voters.usedDptb),
      usedDpk: copyRow(f.voters.usedDpk),
      usedTotal: copyRow(f.voters.usedTotal),
    },
    ballots: { ...f.ballots },
    disabled: copyRow(f.disabled),
  };
  const tail = { valid: f.valid, invalid: f.invalid, total: f.total };
  if (isPartyContest(acc.contest)) {
    const votes: PartyVoteMap = {};
    for (const [key, p] of Object.entries(f.votes as PartyVoteMap)) {
      votes[key] = { partyOnly: p.partyOnly, candidates: { ...p.candidates }, total: p.total };
    }
    return { contest: acc.contest, ...base, votes, ...tail };
  }
  return { contest: acc.contest, ...base, votes: { ...(f.votes as CandidateVotes) }, ...tail };
}
