import type { Op } from '../../api/index.ts';
import { desaOfTps, tpsNumberOf, type DesaCode } from '../../domain/codes/codes.ts';
import { validateObjection } from '../../domain/objections/index.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { findContest, findDesa } from '../../domain/setup/lookup.ts';
import type { ContestSetup, Setup } from '../../domain/setup/schema.ts';
import { emptyTally, figurePaths } from '../../domain/tally/fields.ts';
import type { Tally } from '../../domain/tally/tally.ts';

/** A contest's cells, worked out once per setup object rather than once per pushed form. */
const pathsOf = new WeakMap<ContestSetup, ReadonlySet<string>>();
function contestPaths(contest: ContestSetup, tps: Tally['tps']): ReadonlySet<string> {
  let paths = pathsOf.get(contest);
  if (!paths) {
    // The cells depend on the contest only: any TPS of it gives the same paths.
    paths = new Set(figurePaths(emptyTally(tps, contest)));
    pathsOf.set(contest, paths);
  }
  return paths;
}

export type RecordCheck = { ok: true; contest: ContestSetup } | { ok: false; reason: LocalizedText };

/**
 * A record must belong to the kecamatan's setup: its TPS exists, its contest exists, and it has
 * exactly the cells of that contest's form (no candidate added or dropped on the way).
 */
export function checkRecordAgainstSetup(setup: Setup, record: Tally): RecordCheck {
  const desa = findDesa(setup, desaOfTps(record.tps));
  const number = tpsNumberOf(record.tps);
  if (!desa || !desa.tps.includes(number)) {
    return { ok: false, reason: text(`TPS ${record.tps} tidak ada dalam setup kecamatan ini.`, `TPS ${record.tps} is not in this kecamatan's setup.`) };
  }
  const contest = findContest(setup, record.contest);
  if (!contest) {
    return { ok: false, reason: text(`Jenis pemilihan ${record.contest} tidak ada dalam setup.`, `Contest ${record.contest} is not in the setup.`) };
  }
  const expected = contestPaths(contest, record.tps);
  const actual = figurePaths(record);
  const extra = actual.filter((p) => !expected.has(p));
  const missing = actual.length === expected.size + extra.length ? [] : [...expected].filter((p) => !new Set(actual).has(p));
  if (extra.length > 0 || missing.length > 0) {
    const list = [...missing.map((p) => `-${p}`), ...extra.map((p) => `+${p}`)].slice(0, 5).join(', ');
    return {
      ok: false,
      reason: text(`Sel formulir tidak sesuai dengan ${record.contest} dalam setup (${list}).`, `The form's cells do not match ${record.contest} in the setup (${list}).`),
    };
  }
  return { ok: true, contest };
}

type Check = { ok: true } | { ok: false; reason: LocalizedText };

/** Any op's record against the setup: forms as above, objections by validateObjection, finalisations by area and contest. */
export function checkOpAgainstSetup(setup: Setup, op: Op): Check {
  switch (op.kind) {
    case 'tally':
      return checkRecordAgainstSetup(setup, op.record);
    case 'objection': {
      const issue = validateObjection(op.record, setup)[0];
      return issue ? { ok: false, reason: issue.message } : { ok: true };
    }
    case 'finalisation': {
      const area = op.record.desa;
      const known = area === setup.kecamatan.code || findDesa(setup, area as DesaCode) !== undefined;
      if (!known) return { ok: false, reason: text(`Wilayah ${area} tidak ada dalam setup.`, `Area ${area} is not in the setup.`) };
      if (!findContest(setup, op.record.contest)) {
        return { ok: false, reason: text(`Jenis pemilihan ${op.record.contest} tidak ada dalam setup.`, `Contest ${op.record.contest} is not in the setup.`) };
      }
      return { ok: true };
    }
    case 'photos': {
      const { tps, contest, photos } = op.record;
      const desa = findDesa(setup, desaOfTps(tps));
      if (!desa || !desa.tps.includes(tpsNumberOf(tps))) return { ok: false, reason: text(`TPS ${tps} tidak ada dalam setup.`, `TPS ${tps} is not in the setup.`) };
      if (!findContest(setup, contest)) return { ok: false, reason: text(`Jenis pemilihan ${contest} tidak ada dalam setup.`, `Contest ${contest} is not in the setup.`) };
      const pages = photos.map((p) => p.page).sort((a, b) => a - b);
      const hashes = new Set(photos.map((p) => p.sha256));
      if (pages.some((page, i) => page !== i + 1) || hashes.size !== photos.length) {
        return { ok: false, reason: text('Halaman foto harus 1, 2, … tanpa celah dan tanpa foto ganda.', 'Photo pages must be 1, 2, … without gaps or duplicate photos.') };
      }
      return { ok: true };
    }
  }
}
