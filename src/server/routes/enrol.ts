import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { EnrolRequestSchema, EnrolResponseSchema, type EnrolResponse } from '../../api/index.ts';
import { text } from '../../domain/common/text.ts';
import { keyHash } from '../../domain/crypto/keys.ts';
import { actorFor } from '../../domain/workflow/index.ts';
import { attestAndKeep } from '../auth/attestation.ts';
import { EnrolThrottle } from '../auth/enrolThrottle.ts';
import { enrolCodeHash, newDeviceId, newToken, normaliseEnrolCode, tokenHash } from '../auth/secrets.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { ApiProblem } from '../http/problem.ts';
import type { EnrolFailure } from '../storage/types.ts';

const FAILURES: Record<EnrolFailure, ReturnType<typeof text>> = {
  'unknown-code': text(
    'Kode pendaftaran tidak dikenal. Periksa ketikannya, atau minta kode baru kepada ketua PPK.',
    'Unknown enrolment code. Check what you typed, or ask the PPK chair for a new code.',
  ),
  'used-code': text(
    'Kode pendaftaran ini sudah dipakai (setiap kode hanya sekali). Minta kode baru kepada ketua PPK.',
    'This enrolment code has already been used (each code works once). Ask the PPK chair for a new code.',
  ),
  'expired-code': text(
    'Kode pendaftaran ini sudah kedaluwarsa. Minta kode baru kepada ketua PPK.',
    'This enrolment code has expired. Ask the PPK chair for a new code.',
  ),
};

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
  api.post('/enrol', async (c) => {
    const address = clientAddress(c);
    const wait = throttle.waitMs(address, deps.now().getTime());
    if (wait > 0) throw new ApiProblem('too-many', tooMany(wait));
    const request = await jsonBody(c, EnrolRequestSchema, text('Permintaan pendaftaran', 'The enrolment request'));
    const refuse = (failure: EnrolFailure): never => {
      throttle.fail(address, deps.now().getTime());
      throw new ApiProblem('unauthorized', FAILURES[failure]);
    };
    const normalised = normaliseEnrolCode(request.code);
    if (normalised === null) return refuse('unknown-code');
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
