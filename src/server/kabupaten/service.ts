import type { Coverage, ImportedSummary, KabupatenTotalsResponse, SummaryImportResponse } from '../../api/kabupaten.ts';
import type { KabupatenCode, KecamatanCode } from '../../domain/codes/codes.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { admissionFailuresText, admitSummary, kabupatenTotals, type AdmissionFailure, type AdmittedSummary } from '../../domain/kabupaten/index.ts';
import { readSummaryValue } from '../../domain/summary/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { ServerKey } from '../keys/serverKey.ts';
import type { KecamatanInfo, Storage, StoredSummaryImport } from '../storage/types.ts';
import { kecamatanCoverage } from './coverage.ts';
import { compareWithServer, serverDifferencesText, syncedTallies, type ServerDifference } from './crossCheck.ts';

export interface KabupatenDeps {
  storage: Storage;
  serverKey: ServerKey;
  now: () => Date;
}

export interface KabupatenInfo {
  code: KabupatenCode;
  name: string;
  kecamatan: KecamatanInfo[];
}

/**
 * The kabupaten this server serves: those of the kecamatan it holds setups for. A kabupaten's
 * expected kecamatan are the ones created here (`rekap server init`), nothing else is known.
 */
export async function serverKabupaten(storage: Storage): Promise<Map<string, KabupatenInfo>> {
  const out = new Map<string, KabupatenInfo>();
  for (const k of await storage.listKecamatan()) {
    const info = await storage.kecamatan(k.code);
    if (!info) continue;
    const { code, name } = info.setup.kabupaten;
    const entry = out.get(code) ?? { code, name, kecamatan: [] };
    entry.kecamatan.push(info);
    out.set(code, entry);
  }
  return out;
}

/** Why an import is refused: the admission's reasons, or figures that differ from this server's own forms. */
export type ImportFailure = AdmissionFailure | { kind: 'server-differs'; differences: ServerDifference[] };

export type ImportRefusal =
  | { kind: 'refused'; failures: ImportFailure[]; text: LocalizedText }
  | { kind: 'duplicate'; failures: ImportFailure[]; text: LocalizedText };

export interface ImportInput {
  value: unknown;
  /** Groups numbered 1–16, as printed. */
  groups: readonly { group: number; typed: string }[];
  replace: boolean;
  /** A device id, or "admin". */
  importedBy: string;
  /** The kabupaten importing; null (the admin) = the summary's own, if this server serves it. */
  kabupaten: KabupatenCode | null;
}

/**
 * Trust: only attestations signed by THIS server's key are accepted, i.e. summaries signed by a
 * chair device enrolled here, for a kecamatan whose setup this server holds (it is what the
 * totals are recomputed and the ballots compared against). Summaries attested by another server
 * (a hall laptop's own) are refused: there is no trust list of foreign server keys (docs/integrity.md).
 */
export async function importSummaryFile(deps: KabupatenDeps, input: ImportInput): Promise<Result<SummaryImportResponse, ImportRefusal>> {
  const served = await serverKabupaten(deps.storage);
  const kabupaten = input.kabupaten ?? pickKabupaten(input.value, served);
  const admitted = await admitSummary({
    value: input.value,
    kabupaten,
    setupOf: async (code: KecamatanCode) => {
      const info = await deps.storage.kecamatan(code);
      return info && info.setup.kabupaten.code === kabupaten ? info.setup : null;
    },
    trust: deps.serverKey.publicJwk,
    confirm: { positions: input.groups.map((g) => g.group - 1), typed: input.groups.map((g) => g.typed) },
  });
  if (!admitted.ok) return err({ kind: 'refused', failures: admitted.error, text: admissionFailuresText(admitted.error) });
  // The file names its signer's audit head: that history must be here, verified, before it counts.
  const head = admitted.value.auditHead;
  if (head !== null && !(await deps.storage.chainHasHash(admitted.value.kecamatan.code, admitted.value.signer.keyHash, head))) {
    const failures: AdmissionFailure[] = [{ kind: 'audit-head-unknown', auditHead: head }];
    return err({ kind: 'refused', failures, text: admissionFailuresText(failures) });
  }
  const differences = await differencesFromServer(deps.storage, admitted.value, input.value);
  if (differences.length > 0) {
    return err({ kind: 'refused', failures: [{ kind: 'server-differs', differences }], text: serverDifferencesText(admitted.value.kecamatan.code, differences) });
  }
  const importedAt = deps.now().toISOString();
  const stored = await deps.storage.importSummary({
    admitted: admitted.value,
    file: JSON.stringify(input.value),
    importedAt,
    importedBy: input.importedBy,
    replace: input.replace,
  });
  if (!stored.ok) return err({ kind: 'duplicate', failures: stored.error, text: admissionFailuresText(stored.error) });
  const listed = (await deps.storage.summaryImports(kabupaten)).find((s) => s.hash === admitted.value.hash && s.kecamatan.code === admitted.value.kecamatan.code);
  if (!listed) throw new Error(`imported summary ${admitted.value.hash} not found`);
  return ok({
    status: stored.value.status,
    summary: importedSummary(listed),
    replaced: stored.value.replaced.map((r) => ({ contest: r.contest, hash: r.hash })),
    coverage: await importCoverage(deps.storage, admitted.value),
  });
}

/**
 * Where this server also holds the kecamatan's synced forms, every TPS figure of the summary must
 * be the server's own (docs/integrity.md "Kabupaten view"); none synced: nothing to compare.
 * Read outside the import's transaction: a form synced in between shows in the coverage.
 */
async function differencesFromServer(storage: Storage, admitted: AdmittedSummary, value: unknown): Promise<ServerDifference[]> {
  const synced = syncedTallies(await storage.storedRecordTexts(admitted.kecamatan.code));
  if (synced.size === 0) return [];
  const read = readSummaryValue(value);
  if (!read.ok) throw new Error(`admitted summary ${admitted.hash} no longer reads`);
  return compareWithServer(read.value.summary, synced);
}

async function importCoverage(storage: Storage, admitted: AdmittedSummary): Promise<({ contest: ContestId } & Coverage)[]> {
  const info = await storage.kecamatan(admitted.kecamatan.code);
  if (!info) throw new Error(`kecamatan ${admitted.kecamatan.code} vanished`);
  const coverage = await kecamatanCoverage(storage, info, new Map(admitted.contests.map((c) => [c.contest, c.tpsIncluded])));
  return admitted.contests.map((c) => ({ contest: c.contest, ...coverage.get(c.contest)! }));
}

/** The summary's own kabupaten when served here, else any served one (so the refusal names it). */
function pickKabupaten(value: unknown, served: Map<string, KabupatenInfo>): KabupatenCode {
  const stated = (value as { kabupaten?: { code?: unknown } } | null)?.kabupaten?.code;
  if (typeof stated === 'string' && served.has(stated)) return stated as KabupatenCode;
  const first = [...served.keys()].sort()[0];
  return (first ?? (typeof stated === 'string' ? stated : '0000')) as KabupatenCode;
}

export function importedSummary(s: StoredSummaryImport): ImportedSummary {
  return { ...s };
}

export async function listSummaries(deps: KabupatenDeps, kabupaten: KabupatenInfo): Promise<ImportedSummary[]> {
  return (await deps.storage.summaryImports(kabupaten.code)).map(importedSummary);
}

export async function totalsOf(deps: KabupatenDeps, kabupaten: KabupatenInfo): Promise<KabupatenTotalsResponse> {
  const expected = kabupaten.kecamatan.map((k) => ({ code: k.code, name: k.name, contests: k.setup.contests.map((c) => c.id) }));
  const counted = await deps.storage.countedSummaries(kabupaten.code);
  const totals = kabupatenTotals(kabupaten.code, expected, counted);
  const coverage = new Map<string, Map<ContestId, Coverage>>();
  for (const k of kabupaten.kecamatan) {
    const claimed = new Map(counted.filter((c) => c.kecamatan === k.code).map((c) => [c.contest, c.tpsIncluded]));
    if (claimed.size > 0) coverage.set(k.code, await kecamatanCoverage(deps.storage, k, claimed));
  }
  const coverageOf = (kecamatan: string, contest: ContestId): Coverage => {
    const found = coverage.get(kecamatan)?.get(contest);
    if (!found) throw new Error(`no coverage for ${kecamatan} ${contest}`);
    return found;
  };
  return {
    kabupaten: { code: kabupaten.code, name: kabupaten.name },
    contests: totals.contests.map((c) => ({
      contest: c.contest,
      groups: c.groups.map((g) => ({
        ballotKey: g.ballotKey,
        ballot: g.ballot,
        kecamatan: g.kecamatan.map((k) => ({ ...k, coverage: coverageOf(k.code, c.contest) })),
        tpsIncluded: g.tpsIncluded,
        figures: g.figures,
      })),
      missing: c.missing,
      ballotConflict: c.ballotConflict,
    })),
  };
}

export const kabupatenTexts = {
  unknown: (code: string) =>
    text(`Kabupaten ${code} tidak dilayani server ini.`, `Kabupaten ${code} is not served by this server.`),
  otherKecamatan: (device: string, stated: string) =>
    text(
      `Perangkat ini milik kecamatan ${device}; ketua PPK hanya mengimpor ringkasan kecamatannya sendiri (ringkasan ini untuk ${stated}).`,
      `This device belongs to kecamatan ${device}; a PPK chair imports only their own kecamatan's summary (this one is for ${stated}).`,
    ),
};
