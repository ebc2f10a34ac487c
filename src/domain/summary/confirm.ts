import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { assertNever } from '../tally/contest.ts';
import { summaryHashGroups } from './sign.ts';

/**
 * Binding a file to the signed paper: before the next level (KPU Kabupaten) imports a summary, a
 * person types two groups of the hash as printed on the paper D.Hasil, at positions chosen at random
 * so that nobody can prepare the answer by copying from the file. Matching groups show that the file
 * in hand is the one whose hash the PPK signed under.
 */
export const CONFIRM_GROUP_COUNT = 2;
export const HASH_GROUP_COUNT = 16;

/** `randomInt(n)` returns an integer in [0, n) (the UI passes one built on crypto.getRandomValues). */
export function pickGroupPositions(randomInt: (maxExclusive: number) => number, count = CONFIRM_GROUP_COUNT): number[] {
  if (!Number.isInteger(count) || count < 1 || count > HASH_GROUP_COUNT) throw new RangeError('pickGroupPositions: count out of range');
  const pool = Array.from({ length: HASH_GROUP_COUNT }, (_, i) => i);
  const picked: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = randomInt(pool.length);
    if (!Number.isInteger(j) || j < 0 || j >= pool.length) throw new RangeError('pickGroupPositions: randomInt out of range');
    picked.push(pool.splice(j, 1)[0]!);
  }
  return picked.sort((a, b) => a - b);
}

/** Positions are 0-based in code and 1-based for people ("kelompok ke-3"). */
export type ConfirmFailure =
  | { kind: 'group-malformed'; position: number; typed: string }
  | { kind: 'group-mismatch'; position: number; typed: string };

/** Spaces and case do not matter: people copy "3F9A" or "3f 9a" from paper. */
export function normaliseGroup(typed: string): string {
  return typed.replace(/\s+/g, '').toLowerCase();
}

/** Checks each typed group against the hash; every wrong group is reported, not just the first. */
export function confirmHashGroups(hash: string, positions: readonly number[], typed: readonly string[]): Result<true, ConfirmFailure[]> {
  if (positions.length !== typed.length) throw new Error('confirmHashGroups: one typed group per position');
  const groups = summaryHashGroups(hash);
  const failures: ConfirmFailure[] = [];
  positions.forEach((position, i) => {
    const expected = groups[position];
    if (expected === undefined) throw new RangeError(`confirmHashGroups: no group ${position}`);
    const value = normaliseGroup(typed[i]!);
    if (!/^[0-9a-f]{4}$/.test(value)) failures.push({ kind: 'group-malformed', position, typed: typed[i]! });
    else if (value !== expected) failures.push({ kind: 'group-mismatch', position, typed: typed[i]! });
  });
  return failures.length === 0 ? ok(true) : err(failures);
}

export function confirmFailureText(f: ConfirmFailure): LocalizedText {
  const n = f.position + 1;
  switch (f.kind) {
    case 'group-malformed':
      return text(
        `Kelompok ke-${n} harus 4 karakter 0–9 atau A–F (diketik "${f.typed}").`,
        `Group ${n} must be 4 characters 0–9 or A–F (typed "${f.typed}").`,
      );
    case 'group-mismatch':
      return text(
        `Kelompok ke-${n} ("${f.typed}") tidak sama dengan hash berkas ini: berkas ini bukan yang ditandatangani di kertas, atau salah ketik.`,
        `Group ${n} ("${f.typed}") does not match this file's hash: this is not the file signed on paper, or a typo.`,
      );
    default:
      return assertNever(f);
  }
}
