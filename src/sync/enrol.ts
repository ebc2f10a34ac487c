import { ATTESTATION_DOMAIN } from '../api/index.ts';
import { canonicalJson } from '../domain/canonical/json.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { exportPublicJwk, verifyText } from '../domain/crypto/keys.ts';
import { normaliseServerUrl } from './http.ts';
import type { Enrolment, SyncStore } from './store.ts';
import { TransportError, type Transport } from './transport.ts';

export type TransportFor = (serverUrl: string, token: string | null) => Transport;

export interface EnrolInput {
  serverUrl: string;
  /** The one-time code, or the whole enrolment link of a QR code (…/#/daftar/<code>). */
  code: string;
  deviceName: string;
  /** Who is operating (ops queued for data typed before enrolling carry this name). */
  actor: string;
}

const CODE_ROUTE = /#\/daftar\/([^/?#\s]+)/;

/**
 * A code as typed or scanned: a bare code, or an enrolment link `https://host/#/daftar/<code>`
 * (then the link also names the server).
 */
export function parseEnrolmentCode(input: string): { code: string; serverUrl: string | null } {
  const trimmed = input.trim();
  const match = CODE_ROUTE.exec(trimmed);
  if (!match) return { code: trimmed, serverUrl: null };
  const code = decodeURIComponent(match[1]!);
  const before = trimmed.slice(0, match.index).replace(/\/+$/, '');
  return { code, serverUrl: /^https?:\/\//i.test(before) ? before : null };
}

/** The link a chair's QR code carries: opening it on a phone or laptop lands on the enrolment form. */
/** Whether an address only works on the machine itself (another laptop scanning it reaches nothing). */
export function isLocalOnly(serverUrl: string): boolean {
  try {
    return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(new URL(serverUrl).hostname);
  } catch {
    return false;
  }
}

export function enrolmentLink(serverUrl: string, code: string): string {
  return `${normaliseServerUrl(serverUrl)}/#/daftar/${encodeURIComponent(code)}`;
}

const alreadyEnrolled = (e: Enrolment): LocalizedText =>
  text(`Perangkat ini sudah terhubung ke ${e.serverUrl} sebagai ${e.role}.`, `This device is already connected to ${e.serverUrl} as ${e.role}.`);
const badAttestation = (): LocalizedText =>
  text(
    'Jawaban server tidak dapat dibuktikan (tanda tangan pendaftaran tidak cocok). Perangkat TIDAK didaftarkan; periksa alamat server.',
    'The server’s answer cannot be verified (the enrolment signature does not match). The device was NOT enrolled; check the server address.',
  );

/**
 * Enrols this device with a one-time code: its public key goes to the server, which answers with
 * a token, the role and the kecamatan's setup, and signs (attests) the device's key and role. The
 * attestation is checked before anything is stored; then the setup is installed, the enrolment
 * kept, and everything this device holds but never sent is queued.
 */
export async function enrol(store: SyncStore, transportFor: TransportFor, input: EnrolInput): Promise<Result<Enrolment, LocalizedText>> {
  const current = await store.transaction((tx) => tx.getMeta('enrolment'));
  if (current) return err(alreadyEnrolled(current));
  const parsed = parseEnrolmentCode(input.code);
  const serverUrl = normaliseServerUrl(parsed.serverUrl ?? input.serverUrl);
  if (!serverUrl) return err(text('Isi alamat server.', 'Enter the server address.'));
  if (!parsed.code) return err(text('Isi kode pendaftaran.', 'Enter the enrolment code.'));
  const keys = await store.deviceKey();
  const publicKey = await exportPublicJwk(keys.publicKey);

  let answer;
  try {
    answer = await transportFor(serverUrl, null).enrol({ code: parsed.code, deviceName: input.deviceName.trim().slice(0, 120) || 'rekap', publicKey });
  } catch (e) {
    if (e instanceof TransportError) return err(e.failure.message);
    throw e;
  }

  const { signature, ...attested } = answer.attestation;
  const genuine =
    canonicalJson(attested.publicKey) === canonicalJson(publicKey) &&
    attested.deviceId === answer.deviceId &&
    attested.role === answer.role &&
    attested.kecamatan === answer.kecamatan &&
    (await verifyText(answer.serverKey, ATTESTATION_DOMAIN, canonicalJson(attested), signature));
  if (!genuine) return err(badAttestation());

  const installed = await store.installSetup(answer.setup);
  if (!installed.ok) return installed;
  const enrolment: Enrolment = {
    serverUrl,
    token: answer.token,
    deviceId: answer.deviceId,
    deviceName: answer.attestation.deviceName,
    role: answer.role,
    kecamatan: answer.kecamatan,
    panel: answer.panel,
    desa: answer.desa,
    serverKey: answer.serverKey,
    attestation: answer.attestation,
    enrolledAt: new Date().toISOString(),
  };
  await store.transaction((tx) => tx.setMeta('enrolment', enrolment));
  await store.queueUnsynced(input.actor.trim() || enrolment.deviceName);
  return ok(enrolment);
}
