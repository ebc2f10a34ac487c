import { desaOfTps, tpsCode, type DesaCode, type TpsCode } from '../codes/codes.ts';
import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { fingerprint, type PublicKeyJwk } from '../crypto/keys.ts';
import type { Setup } from '../setup/schema.ts';
import { assertNever, CONTEST_IDS, type ContestId } from '../tally/contest.ts';
import type { Tally } from '../tally/tally.ts';
import { hasEnteredFigure } from '../totals/accumulator.ts';
import { sameKey, type SignerRole, type SummaryAttestation } from './attestation.ts';
import { figuresOf, sumAreas, sumEntries, tallyFigures } from './recompute.ts';
import { SUMMARY_FORMAT, type SummaryContest, type SummaryDesa, type SummaryTps, type UnsignedSummary } from './schema.ts';
import { setupHash } from './sign.ts';

export interface SignerInput {
  name: string;
  role: SignerRole;
  publicKey: PublicKeyJwk;
}

export interface BuildOptions {
  /** ISO time with offset; passed in so that building stays a pure function of its inputs. */
  createdAt: string;
  auditHead?: string | null;
  attestation?: SummaryAttestation | null;
}

export type BuildFailure =
  | { kind: 'no-contests' }
  | { kind: 'contest-not-in-setup'; contest: ContestId }
  | { kind: 'duplicate-tally'; tps: TpsCode; contest: ContestId }
  | { kind: 'tps-not-in-setup'; tps: TpsCode; contest: ContestId }
  | { kind: 'signer-name-empty' }
  | { kind: 'attestation-key-mismatch' };

export function buildFailureText(f: BuildFailure): LocalizedText {
  switch (f.kind) {
    case 'no-contests':
      return text('Tidak ada jenis pemilihan untuk diringkas.', 'No contest to summarise.');
    case 'contest-not-in-setup':
      return text(`Jenis pemilihan ${f.contest} tidak ada dalam setup.`, `Contest ${f.contest} is not in the setup.`);
    case 'duplicate-tally':
      return text(
        `Ada dua tally untuk TPS ${f.tps} ${f.contest}: selesaikan dulu, ringkasan hanya memuat satu.`,
        `There are two tallies for TPS ${f.tps} ${f.contest}: resolve them first, a summary holds one.`,
      );
    case 'tps-not-in-setup':
      return text(
        `Tally TPS ${f.tps} ${f.contest} tidak termasuk setup: perbaiki setup atau tally sebelum menandatangani.`,
        `Tally of TPS ${f.tps} ${f.contest} is not in the setup: fix the setup or the tallies before signing.`,
      );
    case 'signer-name-empty':
      return text('Nama penanda tangan harus diisi.', "The signer's name is required.");
    case 'attestation-key-mismatch':
      return text(
        'Pengesahan server ini untuk kunci perangkat lain, bukan kunci penanda tangan.',
        "This server attestation is for another device's key, not the signer's.",
      );
    default:
      return assertNever(f);
  }
}

const byCode = <T extends { code: string } | { tps: string }>(a: T, b: T) => {
  const x = 'code' in a ? a.code : a.tps;
  const y = 'code' in b ? b.code : b.tps;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The unsigned summary of `contests` (any order, counting order in the file) from the tallies and
 * their setup. Sums come from `recompute.ts`, the very code a verifier runs, so a faithful summary
 * always verifies. Refuses what would make it ambiguous (two tallies of a TPS × contest, a TPS the
 * setup does not know) rather than picking one silently.
 */
export async function buildSummary(
  setup: Setup,
  tallies: readonly Tally[],
  contests: readonly ContestId[],
  signer: SignerInput,
  options: BuildOptions,
): Promise<Result<UnsignedSummary, BuildFailure>> {
  const wanted = CONTEST_IDS.filter((c) => contests.includes(c));
  if (wanted.length === 0) return err({ kind: 'no-contests' });
  if (signer.name.trim() === '') return err({ kind: 'signer-name-empty' });
  if (options.attestation && !sameKey(options.attestation.statement.publicKey, signer.publicKey)) {
    return err({ kind: 'attestation-key-mismatch' });
  }

  const setupTps = new Map<DesaCode, TpsCode[]>();
  for (const desa of setup.desa) setupTps.set(desa.code, desa.tps.map((n) => tpsCode(desa.code, n)).sort());
  const known = new Set([...setupTps.values()].flat());

  const blocks: SummaryContest[] = [];
  for (const contest of wanted) {
    const contestSetup = setup.contests.find((c) => c.id === contest);
    if (!contestSetup) return err({ kind: 'contest-not-in-setup', contest });

    const byDesa = new Map<DesaCode, SummaryTps[]>();
    const seen = new Set<TpsCode>();
    for (const tally of tallies) {
      if (tally.contest !== contest) continue;
      if (seen.has(tally.tps)) return err({ kind: 'duplicate-tally', tps: tally.tps, contest });
      seen.add(tally.tps);
      if (!known.has(tally.tps)) return err({ kind: 'tps-not-in-setup', tps: tally.tps, contest });
      if (!hasEnteredFigure(tally)) continue;
      const entry: SummaryTps = {
        tps: tally.tps,
        status: tally.status,
        acceptedWarnings: tally.acceptedWarnings ?? [],
        figures: tallyFigures(tally),
      };
      const desa = desaOfTps(tally.tps);
      const list = byDesa.get(desa);
      if (list) list.push(entry);
      else byDesa.set(desa, [entry]);
    }

    const desaSums = [];
    const desaBlocks: SummaryDesa[] = [];
    for (const desa of [...setup.desa].sort(byCode)) {
      const entries = (byDesa.get(desa.code) ?? []).sort(byCode);
      const sum = sumEntries(contest, entries, contestSetup);
      desaSums.push(sum);
      const included = new Set(entries.map((e) => e.tps));
      desaBlocks.push({
        code: desa.code,
        name: desa.name,
        tpsIncluded: sum.tpsIncluded,
        tpsMissing: (setupTps.get(desa.code) ?? []).filter((t) => !included.has(t)),
        tpsUnverified: sum.tpsUnverified,
        figures: figuresOf(sum),
        tps: entries,
      });
    }
    const kecamatan = sumAreas(contest, desaSums, contestSetup);
    blocks.push({
      contest,
      name: contestSetup.name,
      kecamatan: {
        tpsIncluded: kecamatan.tpsIncluded,
        tpsMissing: desaBlocks.flatMap((d) => d.tpsMissing),
        tpsUnverified: kecamatan.tpsUnverified,
        figures: figuresOf(kecamatan),
      },
      desa: desaBlocks,
    });
  }

  return ok({
    format: SUMMARY_FORMAT,
    election: { id: setup.election.id, name: setup.election.name, votingDate: setup.election.votingDate },
    provinsi: { code: setup.provinsi.code, name: setup.provinsi.name },
    kabupaten: { code: setup.kabupaten.code, name: setup.kabupaten.name },
    kecamatan: { code: setup.kecamatan.code, name: setup.kecamatan.name },
    setupHash: await setupHash(setup),
    auditHead: options.auditHead ?? null,
    contests: blocks,
    signer: {
      name: signer.name.trim(),
      role: signer.role,
      // Only the members that define the key, so the file carries nothing else under the signature.
      publicKey: { kty: signer.publicKey.kty, crv: signer.publicKey.crv, x: signer.publicKey.x, y: signer.publicKey.y },
      fingerprint: await fingerprint(signer.publicKey),
    },
    attestation: options.attestation ?? null,
    createdAt: options.createdAt,
  });
}
