import { formatNumber, type Language } from '../../domain/common/text.ts';
import { tpsNumberOf, type TpsCode } from '../../domain/codes/codes.ts';
import { fieldLabel, findContest, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { Revision } from '../../db/index.ts';
import { formatWib } from '../common/format.ts';

const pad = (n: number) => String(n).padStart(3, '0');
const show = (v: unknown, lang: Language) => (typeof v === 'number' ? formatNumber(v, lang) : v === null || v === undefined ? (lang === 'id' ? 'kosong' : 'empty') : String(v));

/** "TPS 005 · Presiden · rev. 7" */
export function revisionTitle(key: string, revision: number, contestName: (id: ContestId) => string): string {
  const [tps = '', contest = ''] = key.split(':');
  return `TPS ${pad(tpsNumberOf(tps as TpsCode))} · ${contestName(contest as ContestId)} · rev. ${revision}`;
}

/** What a correction changed, who and when: "Suara paslon 1: 30 → 31 (Ketua, 18 Feb 2024 10.00 WIB)". */
export function revisionChanges(setup: Setup, revision: Revision, lang: Language): string {
  const contest = findContest(setup, revision.key.split(':')[1] as ContestId);
  const changes = revision.changes
    .map((c) => `${contest ? fieldLabel(contest, c.path, lang) : c.path}: ${show(c.before, lang)} → ${show(c.after, lang)}`)
    .join('; ');
  return `${changes} (${revision.by}, ${formatWib(revision.at, lang)})`;
}
