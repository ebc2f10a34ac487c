import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../../api/roles.ts';
import { text } from '../../domain/common/text.ts';
import type { AppEnv } from '../context.ts';
import { problems } from '../http/problem.ts';
import type { Device, Storage } from '../storage/types.ts';
import { tokenHash } from './secrets.ts';

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{16,256})\s*$/i;

export interface AuthOptions {
  /** GET /api/me answers a revoked device (with revoked: true) instead of refusing it. */
  allowRevoked?: boolean;
}

/**
 * Resolves the bearer token to its device (stored by hash only); refuses unknown and revoked
 * tokens. From the Authorization header only, never the URL (it would end up in proxy and browser
 * logs), and before any byte of the body is read: the route reads it after this (http/body.ts).
 */
export function authenticate(storage: Storage, options: AuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (token === null) throw problems.noToken();
    const device = await storage.deviceByTokenHash(await tokenHash(token));
    if (!device) throw problems.badToken();
    c.set('device', device);
    if (device.revokedAt !== null && options.allowRevoked !== true) throw problems.revoked();
    await next();
  };
}

function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const match = BEARER.exec(header);
  if (!match) throw problems.badToken();
  return match[1]!;
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const device = currentDevice(c);
    if (!roles.includes(device.role)) {
      throw problems.forbidden(
        text(
          `Peran ${device.role} tidak boleh melakukan ini (hanya: ${roles.join(', ')}).`,
          `Role ${device.role} may not do this (only: ${roles.join(', ')}).`,
        ),
      );
    }
    await next();
  };
}

export function currentDevice(c: Context<AppEnv>): Device {
  const device = c.get('device');
  if (!device) throw new Error('route needs authenticate()');
  return device;
}
