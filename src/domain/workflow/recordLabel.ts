import { desaOfTps, tpsNumberOf, type DesaCode, type TpsCode } from '../codes/codes.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { findDesa } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';
import { CONTEST_IDS, type ContestId } from '../tally/contest.ts';
import { CONTEST_LABELS } from '../labels/contests.ts';

const isContest = (s: string): s is ContestId => (CONTEST_IDS as readonly string[]).includes(s);

/**
 * A record named in words, for messages people read: "PUGERKULON TPS 002, Presiden" (a form),
 * "Desa PUGERKULON, Presiden" / "Kecamatan Puger, Presiden" (a finalisation), "Keberatan …" (an
 * objection, by id). Never a raw key: where the setup (or the setup itself) is missing, the codes
 * are still worded ("3509082004 TPS 002, Presiden"), not `3509082004002:PPWP`.
 */
export function recordLabel(setup: Setup | null, key: string): LocalizedText {
  const [area = '', contestId = ''] = key.split(':');
  const contest = isContest(contestId) ? CONTEST_LABELS[contestId] : text(contestId, contestId);
  if (/^\d{13}$/.test(area)) {
    const tps = area as TpsCode;
    const desa = (setup && findDesa(setup, desaOfTps(tps))?.name) ?? desaOfTps(tps);
    const number = String(tpsNumberOf(tps)).padStart(3, '0');
    return text(`${desa} TPS ${number}, ${contest.id}`, `${desa} TPS ${number}, ${contest.en}`);
  }
  if (/^\d{10}$/.test(area)) {
    const desa = (setup && findDesa(setup, area as DesaCode)?.name) ?? area;
    return text(`Desa ${desa}, ${contest.id}`, `Desa ${desa}, ${contest.en}`);
  }
  if (/^\d{6}$/.test(area)) {
    const name = setup?.kecamatan.code === area ? setup.kecamatan.name : area;
    return text(`Kecamatan ${name}, ${contest.id}`, `Kecamatan ${name}, ${contest.en}`);
  }
  const id = key.replace(/^objection:/, '').slice(0, 8);
  return text(`Keberatan/kejadian khusus ${id}`, `Objection/special event ${id}`);
}
