import type { Context } from 'hono';
import {
  SIGNED_REQUEST_DOMAIN,
  SIGNED_REQUEST_HEADERS,
  SIGNED_REQUEST_WINDOW_MS,
  SignedRequestHeadersSchema,
  signedRequestMessage,
  type ApiError,
} from '../../api/index.ts';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text } from '../../domain/common/text.ts';
import { verifyText } from '../../domain/crypto/keys.ts';
import type { AppEnv, Deps } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import type { Device } from '../storage/types.ts';
import { currentDevice } from './middleware.ts';

export type SignedRequestRefusal =
  | { kind: 'missing' }
  | { kind: 'malformed' }
  | { kind: 'stale'; signedAt: string; serverTime: string }
  | { kind: 'bad-signature' }
  | { kind: 'replayed' };

export interface SignedRequestInput {
  device: Device;
  method: string;
  path: string;
  /** The JSON body as the route parsed it (what it acts on); undefined when the request has none. */
  body: unknown;
  headers: { at: string | undefined; nonce: string | undefined; signature: string | undefined };
  now: Date;
  /** Records the signed message's hash; false when it was seen before (Storage.rememberSignedRequest). */
  remember(hash: string, expiresAt: string): Promise<boolean>;
}

/**
 * Whether a privileged request carries a signature by the key its device enrolled with, over the
 * message src/api/signedRequest.ts describes, made within the time window and never seen before.
 * The body is hashed as canonical JSON of what the route parsed, so what is checked is what is done.
 * Checked in this order so that only a request with a valid signature is remembered (nobody fills
 * the table with garbage), and so that a stolen token never learns more than "not signed".
 */
export async function checkSignedRequest(input: SignedRequestInput): Promise<Result<void, SignedRequestRefusal>> {
  const { at, nonce, signature } = input.headers;
  if (at === undefined && nonce === undefined && signature === undefined) return err({ kind: 'missing' });
  const headers = SignedRequestHeadersSchema.safeParse({ at, nonce, signature });
  if (!headers.success) return err({ kind: 'malformed' });
  const signedAt = Date.parse(headers.data.at);
  if (Math.abs(signedAt - input.now.getTime()) > SIGNED_REQUEST_WINDOW_MS) {
    return err({ kind: 'stale', signedAt: headers.data.at, serverTime: input.now.toISOString() });
  }
  const message = await messageOrNull(input, headers.data);
  if (message === null || input.method !== 'POST' || !(await verifyText(input.device.publicKey, SIGNED_REQUEST_DOMAIN, message, headers.data.signature).catch(() => false))) {
    return err({ kind: 'bad-signature' });
  }
  // By the message, not the signature: an ECDSA signature (r, s) also verifies as (r, n − s).
  const fresh = await input.remember(await sha256Hex(message), new Date(signedAt + SIGNED_REQUEST_WINDOW_MS).toISOString());
  return fresh ? ok(undefined) : err({ kind: 'replayed' });
}

/**
 * The message this request would have been signed as, or null when it cannot be one: a path outside
 * what a signed message may name (an id with spaces or escapes) or a body with no canonical JSON (a
 * lone surrogate). No device can have signed such a request, so it is refused as unsigned, not a 500.
 */
async function messageOrNull(input: SignedRequestInput, headers: { at: string; nonce: string }): Promise<string | null> {
  try {
    return signedRequestMessage({
      method: 'POST',
      path: input.path,
      body: await sha256Hex(input.body === undefined ? '' : canonicalJson(input.body)),
      device: input.device.keyHash,
      kecamatan: input.device.kecamatan,
      at: headers.at,
      nonce: headers.nonce,
    });
  } catch {
    return null;
  }
}

/** In a route after authenticate(): refuses (401/403/409, in words) unless the device signed this request. */
export async function requireSignedRequest(c: Context<AppEnv>, deps: Deps, body: unknown): Promise<void> {
  const device = currentDevice(c);
  const now = deps.now();
  const checked = await checkSignedRequest({
    device,
    method: c.req.method,
    path: c.req.path,
    body,
    headers: { at: c.req.header(SIGNED_REQUEST_HEADERS.at), nonce: c.req.header(SIGNED_REQUEST_HEADERS.nonce), signature: c.req.header(SIGNED_REQUEST_HEADERS.signature) },
    now,
    remember: (hash, expiresAt) =>
      deps.storage.rememberSignedRequest({ hash, kecamatan: device.kecamatan, deviceId: device.id, path: c.req.path, expiresAt, receivedAt: now.toISOString() }),
  });
  if (!checked.ok) {
    c.set('summary', `signed request refused: ${checked.error.kind}`);
    throw refusal(checked.error);
  }
}

function refusal(why: SignedRequestRefusal): ApiProblem {
  switch (why.kind) {
    case 'missing':
      return new ApiProblem(
        'unauthorized',
        text(
          'Permintaan ini harus ditandatangani dengan kunci perangkat yang terdaftar (tanda tangan tidak ada); token saja tidak cukup. Muat ulang aplikasi agar versinya terbaru.',
          'This request must be signed with the enrolled device key (no signature was sent); a token alone is not enough. Reload the app to get its latest version.',
        ),
      );
    case 'malformed':
      return new ApiProblem(
        'unauthorized',
        text(
          'Tanda tangan permintaan tidak terbaca (Rekap-Signed-At, Rekap-Nonce, Rekap-Signature).',
          'The request signature cannot be read (Rekap-Signed-At, Rekap-Nonce, Rekap-Signature).',
        ),
      );
    case 'stale':
      return new StaleRequestProblem(why.signedAt, why.serverTime);
    case 'bad-signature':
      return new ApiProblem(
        'forbidden',
        text(
          'Tanda tangan permintaan tidak sah: tidak dibuat dengan kunci perangkat ini, atau permintaannya diubah di jalan. Tidak ada yang dijalankan.',
          "The request signature is not valid: it was not made with this device's key, or the request was changed on the way. Nothing was done.",
        ),
      );
    case 'replayed':
      return new ApiProblem(
        'conflict',
        text(
          'Permintaan bertanda tangan ini sudah pernah diterima; permintaan yang dikirim ulang tidak dijalankan lagi.',
          'This signed request was received before; a request sent again is not run again.',
        ),
      );
  }
}

/** The refusal of a signing time outside the window, with the server's time for the device to sign again. */
class StaleRequestProblem extends ApiProblem {
  constructor(
    signedAt: string,
    readonly serverTime: string,
  ) {
    const minutes = SIGNED_REQUEST_WINDOW_MS / 60_000;
    super(
      'unauthorized',
      text(
        `Waktu tanda tangan permintaan (${signedAt}) berselisih lebih dari ${minutes} menit dengan jam server (${serverTime}); periksa jam perangkat ini.`,
        `The request was signed at ${signedAt}, more than ${minutes} minutes from the server's clock (${serverTime}); check this device's clock.`,
      ),
    );
  }

  override body(): ApiError {
    const body = super.body();
    return { error: Object.assign({}, body.error, { serverTime: this.serverTime }) };
  }
}
