import { desaOfTps, tpsNumberOf } from '../codes/codes.ts';
import { fieldPath, type FieldPath } from '../tally/fields.ts';
import type { Tally } from '../tally/tally.ts';
import { report } from './finding.ts';
import type { Finding } from './types.ts';

/**
 * W05: two TPS of the same desa and contest with identical vote figures (section IV) are most
 * likely one C.Hasil entered twice. Only tallies whose vote cells are all entered and not all zero
 * take part. Every TPS of such a group gets a finding naming the others; fields are its vote cells.
 * Tallies of several desa/contests may be passed: they are grouped by desa × contest first.
 */
export function checkDesaDuplicates(talliesOfOneDesaAndContest: readonly Tally[]): Finding[] {
  const groups = new Map<string, Tally[]>();
  for (const t of talliesOfOneDesaAndContest) {
    const signature = voteSignature(t);
    if (signature === null) continue;
    const key = `${desaOfTps(t.tps)}|${t.contest}|${signature}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const t of group) {
      const others = [...new Set(group.filter((o) => o.tps !== t.tps).map((o) => o.tps))].sort();
      if (others.length === 0) continue; // the same TPS twice is not a duplicate of another TPS
      const names = others.map((code) => `TPS ${String(tpsNumberOf(code)).padStart(3, '0')}`).join(', ');
      report(
        out, 'W05', t, voteFields(t),
        `Perolehan suara sama persis dengan ${names} di desa yang sama — kemungkinan entri ganda`,
        `Vote figures identical to ${names} in the same desa — possibly entered twice`,
      );
    }
  }
  return out;
}

/** The vote cells as one string (keys included), or null when incomplete, empty or all zero. */
function voteSignature(t: Tally): string | null {
  let s = '';
  let nonZero = false;
  let cells = 0;
  const add = (key: string, v: number | null | undefined): boolean => {
    if (v === null || v === undefined) return false;
    if (v !== 0) nonZero = true;
    cells++;
    s += `${key}=${v};`;
    return true;
  };
  switch (t.contest) {
    case 'PPWP':
    case 'DPD':
      for (const k in t.votes) if (!add(k, t.votes[k])) return null;
      break;
    default:
      for (const p in t.votes) {
        const party = t.votes[p]!;
        if (!add(`${p}a`, party.partyOnly)) return null;
        for (const c in party.candidates) if (!add(`${p}c${c}`, party.candidates[c])) return null;
        if (!add(`${p}b`, party.total)) return null;
      }
  }
  return cells > 0 && nonZero ? s : null;
}

function voteFields(t: Tally): FieldPath[] {
  const fields: FieldPath[] = [];
  switch (t.contest) {
    case 'PPWP':
    case 'DPD':
      for (const k in t.votes) fields.push(fieldPath.candidateVotes(k));
      break;
    default:
      for (const p in t.votes) {
        fields.push(fieldPath.partyOnly(p));
        for (const c in t.votes[p]!.candidates) fields.push(fieldPath.partyCandidate(p, c));
        fields.push(fieldPath.partyTotal(p));
      }
  }
  return fields;
}
