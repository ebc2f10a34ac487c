import type { WitnessOf } from '../../domain/objections/index.ts';
import { witnessContests } from '../../domain/objections/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';

export interface WitnessOption {
  /** `<kind>:<ballot number>`, the select's value. */
  value: string;
  of: WitnessOf;
  label: string;
}

export interface WitnessGroup {
  kind: WitnessOf['kind'];
  options: WitnessOption[];
}

/**
 * Whom a witness can speak for, from the setup: the PPWP pairs, the parties (one entry per ballot
 * number, across the legislative contests) and the DPD candidates; only those of `contest` when given.
 */
export function witnessGroups(setup: Setup, contest: ContestId | null): WitnessGroup[] {
  const pairs: WitnessOption[] = [];
  const parties = new Map<number, WitnessOption>();
  const candidates: WitnessOption[] = [];
  for (const c of setup.contests) {
    if (contest !== null && c.id !== contest) continue;
    if ('parties' in c) {
      for (const p of c.parties) {
        if (!parties.has(p.number)) parties.set(p.number, { value: `party:${p.number}`, of: { kind: 'party', number: p.number }, label: `${p.number}. ${p.abbreviation ?? p.name}` });
      }
    } else {
      const kind = witnessContests('pair').includes(c.id) ? 'pair' : 'candidate';
      for (const k of c.candidates) {
        const option = { value: `${kind}:${k.number}`, of: { kind, number: k.number } as WitnessOf, label: `${k.number}. ${k.name}` };
        (kind === 'pair' ? pairs : candidates).push(option);
      }
    }
  }
  const groups: WitnessGroup[] = [
    { kind: 'pair', options: pairs },
    { kind: 'party', options: [...parties.values()].sort((a, b) => a.of.number - b.of.number) },
    { kind: 'candidate', options: candidates },
  ];
  return groups.filter((g) => g.options.length > 0);
}

export function parseWitness(value: string): WitnessOf | null {
  const [kind, number] = value.split(':');
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) return null;
  if (kind === 'pair' || kind === 'party' || kind === 'candidate') return { kind, number: n };
  return null;
}
