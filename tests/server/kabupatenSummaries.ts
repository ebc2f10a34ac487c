import { exportPublicJwk } from '../../src/domain/crypto/keys.ts';
import type { Setup } from '../../src/domain/setup/schema.ts';
import { buildSummary, signSummary, summaryHash, summaryHashGroups, type SummaryAttestation, type SummaryFile } from '../../src/domain/summary/index.ts';
import type { ContestId } from '../../src/domain/tally/contest.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { pugerTallies } from '../domain/summary/helpers.ts';
import type { TestDevice } from './client.ts';

/** Every TPS of the setup entered, check-clean and final (as after the PPK's finalisation). */
export function finalTallies(setup: Setup, seed = 3): Tally[] {
  return pugerTallies(setup, 999, seed).map((t) => ({ ...t, status: 'final' }));
}

/** A summary signed by an enrolled device with the attestation the server gave it at enrolment. */
export async function deviceSummary(
  device: TestDevice,
  setup: Setup,
  opts: { contests?: ContestId[]; tallies?: Tally[]; createdAt?: string; attestation?: SummaryAttestation | null; auditHead?: string | null } = {},
): Promise<SummaryFile> {
  const publicKey = await exportPublicJwk(device.keys.publicKey);
  const attestation = opts.attestation === undefined ? { serverKey: device.enrolment.serverKey, statement: device.enrolment.attestation } : opts.attestation;
  const built = await buildSummary(setup, opts.tallies ?? finalTallies(setup), opts.contests ?? ['PPWP', 'DPD'], { name: 'Siti Aminah', role: device.enrolment.role, publicKey }, {
    createdAt: opts.createdAt ?? '2024-02-20T21:30:00+07:00',
    attestation,
    auditHead: opts.auditHead ?? null,
  });
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return JSON.parse(JSON.stringify(await signSummary(built.value, device.keys.privateKey))) as SummaryFile;
}

/** The two groups a person would type from the paper (numbered 1–16). */
export async function paperGroups(file: object, numbers: [number, number] = [3, 12]): Promise<{ group: number; typed: string }[]> {
  const groups = summaryHashGroups(await summaryHash(file));
  return numbers.map((n) => ({ group: n, typed: groups[n - 1]!.toUpperCase() }));
}
