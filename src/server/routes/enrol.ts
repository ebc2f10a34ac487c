import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { EnrolRequestSchema, EnrolResponseSchema, type EnrolResponse } from '../../api/index.ts';
import { text } from '../../domain/common/text.ts';
import { keyHash } from '../../domain/crypto/keys.ts';
import { actorFor } from '../../domain/workflow/index.ts';
import { attestAndKeep } from '../auth/attestation.ts';
import { EnrolThrottle } from '../auth/enrolThrottle.ts';
import { CODE_LENGTH, enrolCodeHash, newDeviceId, newToken, normaliseEnrolCode, tokenHash } from '../auth/secrets.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { ApiProblem } from '../http/problem.ts';
import type { EnrolFailure } from '../storage/types.ts';

/**
 * Every refused code gets these same words — unknown, mistyped, used, expired or locked — so that
 * the answer tells a guesser nothing; the reason goes to the request log for the server's admin.
 */
const REFUSED = text(
  'Kode pendaftaran tidak diterima. Periksa ketikannya; bila sudah benar, kode itu mungkin sudah dipakai, sudah kedaluwarsa, atau terkunci karena terlalu sering dicoba dengan salah. Minta kode baru kepada ketua PPK.',
  'This enrolment code was not accepted. Check what you typed; if it is right, the code may have been used already, have expired, or be locked after too many wrong tries. Ask the PPK chair for a new code.',
);

type Refusal = EnrolFailure | 'malformed-code' | 'locked-code';

/**
 * Wrong tries that share one half of a code (its first or last five characters) before every code
 * with that half is locked, for as long as a code lives. Someone who saw half of a code on a screen
 * or a paper would otherwise have 25 bits left to guess, within reach of a network of addresses
 * each under the per-address limit; a person fixing a typo needs a few tries, not ten.
 */
export const WRONG_TRIES_PER_HALF = 10;

const halvesOf = (normalised: string): [string, string] => [`1:${normalised.slice(0, CODE_LENGTH / 2)}`, `2:${normalised.slice(CODE_LENGTH / 2)}`];

const tooMany = (waitMs: number) => {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return text(
    `Terlalu banyak kode pendaftaran yang salah dari perangkat ini. Tunggu ${seconds} detik, lalu coba lagi.`,
    `Too many wrong enrolment codes from this device. Wait ${seconds} seconds, then try again.`,
  );
};

/** The address a request came from (the socket's; behind a proxy, the proxy's). */
function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'unknown';
  }
}

/**
 * POST /api/enrol: a one-time code becomes a device with a role, a token (returned once, stored
 * as a hash) and the server's signed attestation of the device's public key.
 */
export function enrolRoutes(api: Hono<AppEnv>, deps: Deps): void {
  const throttle = new EnrolThrottle();
  // Up to 100,000 halves (two per wrong try): a flood forgets the halves tried least recently, never the one being guessed at.
  const halves = new EnrolThrottle(WRONG_TRIES_PER_HALF, deps.codeTtlMs, 100_000);
  api.post('/enrol', async (c) => {
    const address = clientAddress(c);
    const wait = throttle.waitMs(address, deps.now().getTime());
    if (wait > 0) throw new ApiProblem('too-many', tooMany(wait));
    const request = await jsonBody(c, EnrolRequestSchema, text('Permintaan pendaftaran', 'The enrolment request'));
    const normalised = normaliseEnrolCode(request.code);
    const refuse = (why: Refusal): never => {
      const now = deps.now().getTime();
      throttle.fail(address, now);
      if (normalised !== null) for (const half of halvesOf(normalised)) halves.fail(half, now);
      c.set('summary', `refused ${why}`);
      throw new ApiProblem('unauthorized', REFUSED);
    };
    if (normalised === null) return refuse('malformed-code');
    if (halvesOf(normalised).some((half) => halves.waitMs(half, deps.now().getTime()) > 0)) return refuse('locked-code');
    const token = newToken();
    const now = deps.now().toISOString();
    const result = await deps.storage.enrol({
      codeHash: await enrolCodeHash(normalised),
      now,
      device: {
        id: newDeviceId(),
        name: request.deviceName,
        publicKey: request.publicKey,
        keyHash: await keyHash(request.publicKey),
        tokenHash: await tokenHash(token),
      },
    });
    if (!result.ok) return refuse(result.error);
    const device = result.value;
    const kecamatan = await deps.storage.kecamatan(device.kecamatan);
    if (!kecamatan) throw new Error(`kecamatan ${device.kecamatan} vanished`);
    // Kept as signed now: the pull feed serves this one, so a key swapped in the database later is caught.
    const attestation = await attestAndKeep(deps, device, now);
    const response: EnrolResponse = EnrolResponseSchema.parse({
      deviceId: device.id,
      token,
      role: device.role,
      kecamatan: device.kecamatan,
      panel: device.panel,
      // The clerk's desa, from the workflow's actor; null for every other role (all, or none).
      desa: device.role === 'clerk' ? [...actorFor(kecamatan.setup, device.role, device.panel).desa] : null,
      setup: kecamatan.setup,
      serverKey: deps.serverKey.publicJwk,
      attestation,
    });
    c.set('device', device);
    deps.log({ level: 'info', msg: 'enrolled', device: device.id, role: device.role, panel: device.panel, kecamatan: device.kecamatan });
    return c.json(response);
  });
}
