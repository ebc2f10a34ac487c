import { desaOfTps, tpsNumberOf, type DesaCode, type TpsCode } from '../codes/codes.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { findContest, findDesa } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';
import type { ContestId } from '../tally/contest.ts';
import type { CorrectionLink, Objection, ObjectionDraft, ObjectionScope, WitnessKind, WitnessOf } from './schema.ts';

/** A problem with an objection as filled in, located by path (like "scope.tps"). */
export interface ObjectionIssue {
  path: string;
  message: LocalizedText;
}

/** The desa an objection belongs to (null for the whole kecamatan). */
export function scopeDesa(scope: ObjectionScope): DesaCode | null {
  switch (scope.level) {
    case 'kecamatan':
      return null;
    case 'desa':
      return scope.desa;
    case 'tps':
      return desaOfTps(scope.tps);
  }
}

export function scopeTps(scope: ObjectionScope): TpsCode | null {
  return scope.level === 'tps' ? scope.tps : null;
}

/** The contest a witness's choice belongs to: pairs run for PPWP, individuals for DPD, parties for the legislatures. */
export function witnessContests(kind: WitnessKind): readonly ContestId[] {
  switch (kind) {
    case 'pair':
      return ['PPWP'];
    case 'candidate':
      return ['DPD'];
    case 'party':
      return ['DPR', 'DPRD_PROV', 'DPRD_KAB'];
  }
}

/** The name the setup gives a witness's pair, party or candidate; undefined when it is not in the setup. */
export function witnessChoiceName(setup: Setup, of: WitnessOf): string | undefined {
  for (const contest of setup.contests) {
    if (!witnessContests(of.kind).includes(contest.id)) continue;
    if ('parties' in contest) {
      const party = contest.parties.find((p) => p.number === of.number);
      if (party) return party.abbreviation ?? party.name;
    } else {
      const candidate = contest.candidates.find((c) => c.number === of.number);
      if (candidate) return candidate.name;
    }
  }
  return undefined;
}

/**
 * Checks an objection against the setup: its desa/TPS and contest exist, and a witness speaks for
 * a pair/party/candidate on the ballot (of the objection's contest, when one is named).
 */
export function validateObjection(draft: ObjectionDraft, setup: Setup): ObjectionIssue[] {
  const issues: ObjectionIssue[] = [];
  const scope = draft.scope;
  if (scope.level === 'desa' && !findDesa(setup, scope.desa)) {
    issues.push({ path: 'scope.desa', message: text(`Desa ${scope.desa} tidak ada dalam setup.`, `Desa ${scope.desa} is not in the setup.`) });
  }
  if (scope.level === 'tps') {
    const desa = findDesa(setup, desaOfTps(scope.tps));
    if (!desa || !desa.tps.includes(tpsNumberOf(scope.tps))) {
      issues.push({ path: 'scope.tps', message: text(`TPS ${scope.tps} tidak ada dalam setup.`, `TPS ${scope.tps} is not in the setup.`) });
    }
  }
  if (draft.contest !== null && !findContest(setup, draft.contest)) {
    issues.push({ path: 'contest', message: text(`Jenis pemilihan ${draft.contest} tidak ada dalam setup.`, `Contest ${draft.contest} is not in the setup.`) });
  }
  if (draft.raisedBy.role === 'witness') {
    const of = draft.raisedBy.of;
    if (witnessChoiceName(setup, of) === undefined) {
      issues.push({
        path: 'raisedBy.of.number',
        message: text(`Nomor urut ${of.number} tidak ada pada surat suara (${of.kind}).`, `Ballot number ${of.number} is not on the ballot (${of.kind}).`),
      });
    } else if (draft.contest !== null && !witnessContests(of.kind).includes(draft.contest)) {
      issues.push({
        path: 'raisedBy.of.kind',
        message: text(
          `Saksi ini bukan peserta pemilihan ${draft.contest}; pilih jenis pemilihan yang sesuai atau "semua".`,
          `This witness is not a participant of ${draft.contest}; choose the matching contest or "all".`,
        ),
      });
    }
  }
  return issues;
}

/**
 * Whether a tally revision may be linked to an objection: its TPS lies in the objection's scope and,
 * when the objection names a contest, it is that contest's tally.
 */
export function linkInScope(objection: Pick<Objection, 'scope' | 'contest'>, link: CorrectionLink): boolean {
  const [tps = '', contest = ''] = link.key.split(':');
  if (objection.contest !== null && contest !== objection.contest) return false;
  switch (objection.scope.level) {
    case 'kecamatan':
      return true;
    case 'desa':
      return tps.startsWith(objection.scope.desa);
    case 'tps':
      return tps === objection.scope.tps;
  }
}

/**
 * A recorded objection/special event with a decision covers the error findings of its TPS (for its
 * contest, or for every contest when it names none). Pending ones cover nothing: the plenary has
 * not dealt with them yet.
 */
export function coversTally(objection: Pick<Objection, 'scope' | 'contest' | 'decision'>, tps: TpsCode, contest: ContestId): boolean {
  return (
    objection.decision.status !== 'pending' &&
    objection.scope.level === 'tps' &&
    objection.scope.tps === tps &&
    (objection.contest === null || objection.contest === contest)
  );
}
