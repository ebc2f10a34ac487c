import { exportPublicJwk, generateKeyPair, signText, type PublicKeyJwk } from '../../../src/domain/crypto/index.ts';
import { canonicalJson } from '../../../src/domain/canonical/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import {
  ATTESTATION_DOMAIN,
  buildSummary,
  signSummary,
  signSummaryV2,
  type DeviceAttestation,
  type SummaryFileV2,
  type SignerRole,
  type SummaryAttestation,
  type SummaryFile,
} from '../../../src/domain/summary/index.ts';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { tpsCode } from '../../../src/domain/codes/codes.ts';
import { validateSetup } from '../../../src/domain/setup/index.ts';
import { createRng, generateChoiceWeights, generateTally, generateTpsProfile } from '../../../src/domain/synthetic/generate.ts';
import type { ContestId } from '../../../src/domain/tally/contest.ts';
import { TALLIES_FORMAT, type Tally } from '../../../src/domain/tally/tally.ts';

export const CREATED_AT = '2024-02-20T21:30:00+07:00';

export interface Signed {
  setup: Setup;
  tallies: Tally[];
  file: SummaryFile;
  keys: CryptoKeyPair;
  publicKey: PublicKeyJwk;
  serverKeys: CryptoKeyPair;
  serverKey: PublicKeyJwk;
}

/** A server's statement about a device key, signed the way src/api documents it. */
export async function attest(
  serverKeys: CryptoKeyPair,
  publicKey: PublicKeyJwk,
  over: Partial<Omit<DeviceAttestation, 'signature'>> = {},
): Promise<SummaryAttestation> {
  const unsigned = {
    deviceId: 'device-1',
    deviceName: 'Laptop ketua PPK',
    kecamatan: '350908',
    role: 'chair' as SignerRole,
    panel: null,
    publicKey,
    issuedAt: '2024-02-17T08:00:00+07:00',
    ...over,
  };
  const signature = await signText(serverKeys.privateKey, ATTESTATION_DOMAIN, canonicalJson(unsigned));
  return {
    serverKey: await exportPublicJwk(serverKeys.publicKey),
    statement: { ...unsigned, signature } as DeviceAttestation,
  };
}

export const PUGER_SETUP = resolve(import.meta.dirname, '..', '..', '..', 'public', 'demo', 'puger-setup.json');

export function pugerSetup(): Setup {
  const result = validateSetup(JSON.parse(readFileSync(PUGER_SETUP, 'utf8')));
  if (!result.ok) throw new Error('demo setup invalid');
  return result.value;
}

/**
 * Check-clean, verified tallies for the first `perDesa` TPS of every desa of the Puger demo setup
 * (12 desa, 350908), every contest; the rest of the 364 TPS are missing. Deterministic per seed.
 */
export function pugerTallies(setup: Setup, perDesa: number, seed = 1): Tally[] {
  const rng = createRng(seed);
  const weights = new Map(setup.contests.map((c) => [c.id, generateChoiceWeights(rng, c)]));
  const tallies: Tally[] = [];
  for (const desa of setup.desa) {
    for (const number of desa.tps.slice(0, perDesa)) {
      const profile = generateTpsProfile(rng);
      for (const contest of setup.contests) tallies.push(generateTally(rng, tpsCode(desa.code, number), contest, profile, weights.get(contest.id)));
    }
  }
  return tallies;
}

interface KecamatanOptions {
  perDesa?: number;
  seed?: number;
  contests?: ContestId[];
  attested?: boolean;
  tallies?: (t: Tally[]) => Tally[];
}

/** A signed summary of the Puger demo kecamatan with `perDesa` TPS entered per desa, attested by a server. */
export async function signedKecamatan(opts: KecamatanOptions = {}): Promise<Signed> {
  const { built, ...rest } = await builtKecamatan(opts);
  return { ...rest, file: await signSummary(built, rest.keys.privateKey) };
}

export type SignedV2 = Omit<Signed, 'file'> & { file: SummaryFileV2 };

/** signedKecamatan as rekap.summary/v2 (what devices and `rekap sign-summary` write). */
export async function signedKecamatanV2(opts: KecamatanOptions = {}, photos?: Map<string, string[]>): Promise<SignedV2> {
  const { built, ...rest } = await builtKecamatan(opts);
  return { ...rest, file: await signSummaryV2(built, rest.keys.privateKey, photos) };
}

async function builtKecamatan(opts: KecamatanOptions) {
  const setup = pugerSetup();
  const generated = pugerTallies(setup, opts.perDesa ?? 2, opts.seed ?? 7);
  const tallies = opts.tallies ? opts.tallies(generated) : generated;
  const keys = await generateKeyPair(true);
  const publicKey = await exportPublicJwk(keys.publicKey);
  const serverKeys = await generateKeyPair(true);
  const serverKey = await exportPublicJwk(serverKeys.publicKey);
  const attestation = opts.attested === false ? null : await attest(serverKeys, publicKey, { kecamatan: setup.kecamatan.code });
  const built = await buildSummary(
    setup,
    tallies,
    opts.contests ?? setup.contests.map((c) => c.id),
    { name: 'Siti Aminah', role: 'chair', publicKey },
    { createdAt: CREATED_AT, attestation },
  );
  if (!built.ok) throw new Error(`buildSummary failed: ${JSON.stringify(built.error)}`);
  return { setup, tallies, built: built.value, keys, publicKey, serverKeys, serverKey };
}

/** The file as it travels: JSON text parsed back (what a verifier actually holds). */
export function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A rekap.tallies/v1 file of the Puger demo with `perDesa` TPS entered per desa (for the CLI tests). */
export async function writePugerTallies(path: string, perDesa = 1, edit: (t: Tally[]) => Tally[] = (t) => t): Promise<string> {
  const tallies = edit(pugerTallies(pugerSetup(), perDesa, 5));
  await writeFile(path, JSON.stringify({ format: TALLIES_FORMAT, kecamatan: '350908', tallies }, null, 2));
  return path;
}
