import type { Hono } from 'hono';
import { CodeRequestSchema, MeResponseSchema, type DeviceInfo } from '../../api/index.ts';
import { text } from '../../domain/common/text.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import { issueCode } from '../admin.ts';
import { authenticate, currentDevice, requireRole } from '../auth/middleware.ts';
import { requireSignedRequest } from '../auth/signedRequest.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { ApiProblem } from '../http/problem.ts';
import type { Device } from '../storage/types.ts';

export async function deviceInfo(device: Device): Promise<DeviceInfo> {
  return {
    deviceId: device.id,
    name: device.name,
    role: device.role,
    panel: device.panel,
    enrolledAt: device.enrolledAt,
    revokedAt: device.revokedAt,
    fingerprint: await fingerprint(device.publicKey),
  };
}

/**
 * GET /api/me, POST /api/codes, GET /api/devices, POST /api/devices/:id/revoke. Minting a code and
 * revoking a device also need the chair device's signature over the request (auth/signedRequest.ts):
 * a bearer token alone does neither.
 */
export function deviceRoutes(api: Hono<AppEnv>, deps: Deps): void {
  api.get('/me', authenticate(deps.storage, { allowRevoked: true }), (c) => {
    const d = currentDevice(c);
    return c.json(MeResponseSchema.parse({ deviceId: d.id, role: d.role, kecamatan: d.kecamatan, panel: d.panel, revoked: d.revokedAt !== null }));
  });

  api.post('/codes', authenticate(deps.storage), requireRole('chair'), async (c) => {
    const chair = currentDevice(c);
    const request = await jsonBody(c, CodeRequestSchema, text('Permintaan kode', 'The code request'));
    await requireSignedRequest(c, deps, request);
    const issued = await issueCode(deps, { kecamatan: chair.kecamatan, role: request.role, panel: request.panel, createdBy: chair.id });
    if (!issued.ok) throw new ApiProblem('bad-request', issued.error);
    c.set('summary', `code role=${issued.value.role}`);
    return c.json({ ...issued.value, serverUrl: deps.publicUrl() });
  });

  api.get('/devices', authenticate(deps.storage), requireRole('chair'), async (c) => {
    const chair = currentDevice(c);
    const devices = await deps.storage.listDevices(chair.kecamatan);
    return c.json({ devices: await Promise.all(devices.map(deviceInfo)) });
  });

  api.post('/devices/:id/revoke', authenticate(deps.storage), requireRole('chair'), async (c) => {
    const chair = currentDevice(c);
    const id = c.req.param('id');
    await requireSignedRequest(c, deps, undefined);
    const target = await deps.storage.device(id);
    if (!target || target.kecamatan !== chair.kecamatan) {
      throw new ApiProblem('not-found', text(`Perangkat ${id} tidak ada di kecamatan ini.`, `Device ${id} is not in this kecamatan.`));
    }
    const revoked = await deps.storage.revokeDevice(id, deps.now().toISOString(), chair.id);
    if (!revoked) throw new Error(`device ${id} vanished`);
    c.set('summary', `revoked ${id}`);
    return c.json({ device: await deviceInfo(revoked) });
  });
}
