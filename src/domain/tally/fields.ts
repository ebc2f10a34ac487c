import type { TpsCode } from '../codes/codes.ts';
import type { ContestSetup } from '../setup/schema.ts';
import { assertNever } from './contest.ts';
import {
  BALLOT_FIELDS,
  GENDER_COLUMNS,
  VOTER_ROWS,
  type Figure,
  type GenderRow,
  type PartyVotes,
  type Tally,
} from './tally.ts';

/**
 * A dotted path naming one figure of a tally, e.g. `voters.dpt.male`, `ballots.received`,
 * `votes.2` (PPWP/DPD), `votes.1.partyOnly`, `votes.1.candidates.3`, `votes.1.total`, `valid`.
 * Checks report the paths they concern; the entry form highlights cells by path.
 */
export type FieldPath = string & { readonly __brand?: 'FieldPath' };

export const fieldPath = {
  voter: (row: (typeof VOTER_ROWS)[number], column: keyof GenderRow): FieldPath => `voters.${row}.${column}`,
  ballot: (field: (typeof BALLOT_FIELDS)[number]): FieldPath => `ballots.${field}`,
  disabled: (column: keyof GenderRow): FieldPath => `disabled.${column}`,
  candidateVotes: (candidate: number | string): FieldPath => `votes.${candidate}`,
  partyOnly: (party: number | string): FieldPath => `votes.${party}.partyOnly`,
  partyCandidate: (party: number | string, candidate: number | string): FieldPath =>
    `votes.${party}.candidates.${candidate}`,
  partyTotal: (party: number | string): FieldPath => `votes.${party}.total`,
  valid: 'valid' as FieldPath,
  invalid: 'invalid' as FieldPath,
  total: 'total' as FieldPath,
};

/** Every figure of a contest's form, in the order of the paper form (sections I → V). */
export function paperOrder(contest: ContestSetup): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const row of VOTER_ROWS) for (const col of GENDER_COLUMNS) paths.push(fieldPath.voter(row, col));
  for (const b of BALLOT_FIELDS) paths.push(fieldPath.ballot(b));
  for (const col of GENDER_COLUMNS) paths.push(fieldPath.disabled(col));
  switch (contest.id) {
    case 'PPWP':
    case 'DPD':
      for (const c of contest.candidates) paths.push(fieldPath.candidateVotes(c.number));
      break;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      for (const p of contest.parties) {
        paths.push(fieldPath.partyOnly(p.number));
        for (const c of p.candidates) paths.push(fieldPath.partyCandidate(p.number, c.number));
        paths.push(fieldPath.partyTotal(p.number));
      }
      break;
    default:
      assertNever(contest);
  }
  paths.push(fieldPath.valid, fieldPath.invalid, fieldPath.total);
  return paths;
}

const emptyRow = (): GenderRow => ({ male: null, female: null, total: null });

/** A tally with every cell of the contest's form present and not entered. */
export function emptyTally(tps: TpsCode, contest: ContestSetup): Tally {
  const base = {
    tps,
    voters: { dpt: emptyRow(), usedDpt: emptyRow(), usedDptb: emptyRow(), usedDpk: emptyRow(), usedTotal: emptyRow() },
    ballots: { received: null, used: null, returned: null, unused: null },
    disabled: emptyRow(),
    valid: null,
    invalid: null,
    total: null,
    status: 'empty' as const,
  };
  switch (contest.id) {
    case 'PPWP':
    case 'DPD':
      return {
        ...base,
        contest: contest.id,
        votes: Object.fromEntries(contest.candidates.map((c) => [String(c.number), null])),
      };
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      return {
        ...base,
        contest: contest.id,
        votes: Object.fromEntries(
          contest.parties.map((p): [string, PartyVotes] => [
            String(p.number),
            {
              partyOnly: null,
              candidates: Object.fromEntries(p.candidates.map((c) => [String(c.number), null])),
              total: null,
            },
          ]),
        ),
      };
    default:
      return assertNever(contest);
  }
}

/** The figure at a path; `undefined` when the path does not exist in this tally. */
export function getFigure(tally: Tally, path: FieldPath): Figure | undefined {
  let node: unknown = tally;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node === null || typeof node === 'number' ? node : undefined;
}

/**
 * A copy of the tally with one figure replaced. Unknown paths are a programming error
 * (the form only offers paths from `paperOrder`), so they throw instead of creating cells.
 */
export function setFigure<T extends Tally>(tally: T, path: FieldPath, value: Figure): T {
  const parts = path.split('.');
  const write = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node !== 'object') throw new Error(`No figure at ${path}`);
    const key = parts[depth]!;
    const record = node as Record<string, unknown>;
    if (!Object.hasOwn(record, key)) throw new Error(`No figure at ${path}`);
    const next = depth === parts.length - 1 ? value : write(record[key], depth + 1);
    if (depth === parts.length - 1 && record[key] !== null && typeof record[key] !== 'number') {
      throw new Error(`No figure at ${path}`);
    }
    return { ...record, [key]: next };
  };
  return write(tally, 0) as T;
}

/** Every figure path present in a tally (paper order for sections I–III and V; votes by ballot number). */
export function figurePaths(tally: Tally): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const row of VOTER_ROWS) for (const col of GENDER_COLUMNS) paths.push(fieldPath.voter(row, col));
  for (const b of BALLOT_FIELDS) paths.push(fieldPath.ballot(b));
  for (const col of GENDER_COLUMNS) paths.push(fieldPath.disabled(col));
  const byNumber = (keys: string[]) => keys.sort((a, b) => Number(a) - Number(b));
  switch (tally.contest) {
    case 'PPWP':
    case 'DPD':
      for (const k of byNumber(Object.keys(tally.votes))) paths.push(fieldPath.candidateVotes(k));
      break;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      for (const p of byNumber(Object.keys(tally.votes))) {
        paths.push(fieldPath.partyOnly(p));
        for (const c of byNumber(Object.keys(tally.votes[p]!.candidates))) paths.push(fieldPath.partyCandidate(p, c));
        paths.push(fieldPath.partyTotal(p));
      }
      break;
    default:
      assertNever(tally);
  }
  paths.push(fieldPath.valid, fieldPath.invalid, fieldPath.total);
  return paths;
}
