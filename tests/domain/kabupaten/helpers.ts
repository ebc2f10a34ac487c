import { exportPublicJwk, generateKeyPair, type PublicKeyJwk } from '../../../src/domain/crypto/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { buildSummary, signSummary, type SignerRole, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';
import type { ContestId } from '../../../src/domain/tally/contest.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { attest, CREATED_AT } from '../summary/helpers.ts';

/** The synthetic generator's codes (kabupaten 3175, kecamatan 317506), moved to `kecamatan`. */
const SYNTHETIC_KECAMATAN = '317506';
const SYNTHETIC_KABUPATEN = '3175';

export interface Kecamatan {
  setup: Setup;
  tallies: Tally[];
}

/** A small synthetic kecamatan with every tally final (as after the PPK's finalisation). */
export function finalKecamatan(code: string, opts: { tps?: number; seed?: number; name?: string } = {}): Kecamatan {
  const generated = generateKecamatan({ tps: opts.tps ?? 4, seed: opts.seed ?? Number(code) });
  const kabupaten = code.slice(0, 4);
  const moved = JSON.parse(JSON.stringify(generated).replaceAll(SYNTHETIC_KECAMATAN, code)) as { setup: Setup; tallies: Tally[] };
  const setup: Setup = {
    ...moved.setup,
    kabupaten: { ...moved.setup.kabupaten, code: kabupaten as Setup['kabupaten']['code'] },
    kecamatan: { code: moved.setup.kecamatan.code, name: opts.name ?? `Kecamatan ${code}` },
  };
  if (kabupaten !== SYNTHETIC_KABUPATEN) setup.provinsi = { ...setup.provinsi, code: kabupaten.slice(0, 2) as Setup['provinsi']['code'] };
  return { setup, tallies: moved.tallies.map((t) => ({ ...t, status: 'final' })) };
}

export interface Signer {
  keys: CryptoKeyPair;
  publicKey: PublicKeyJwk;
}

export async function newSigner(): Promise<Signer> {
  const keys = await generateKeyPair(true);
  return { keys, publicKey: await exportPublicJwk(keys.publicKey) };
}

export interface SignOptions {
  contests?: ContestId[];
  role?: SignerRole;
  signer?: Signer;
  createdAt?: string;
}

/** A summary signed by a chair device that `server` attested for the kecamatan. */
export async function signedSummary(k: Kecamatan, server: CryptoKeyPair, opts: SignOptions = {}): Promise<SummaryFile> {
  const signer = opts.signer ?? (await newSigner());
  const role = opts.role ?? 'chair';
  const attestation = await attest(server, signer.publicKey, { kecamatan: k.setup.kecamatan.code, role });
  const built = await buildSummary(
    k.setup,
    k.tallies,
    opts.contests ?? k.setup.contests.map((c) => c.id),
    { name: 'Ketua PPK', role, publicKey: signer.publicKey },
    { createdAt: opts.createdAt ?? CREATED_AT, attestation },
  );
  if (!built.ok) throw new Error(`buildSummary failed: ${JSON.stringify(built.error)}`);
  return JSON.parse(JSON.stringify(await signSummary(built.value, signer.keys.privateKey))) as SummaryFile;
}
