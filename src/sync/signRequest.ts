import { SIGNED_REQUEST_DOMAIN, SIGNED_REQUEST_HEADERS, signedRequestMessage, StaleSignedRequestSchema } from '../api/index.ts';
import { canonicalJson } from '../domain/canonical/json.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import { signText, toBase64Url } from '../domain/crypto/keys.ts';
import { pushSigner } from './push.ts';
import type { PushSigner } from './sign.ts';
import type { SyncStore } from './store.ts';
import { TransportError } from './transport.ts';

/** The device key, its hash and kecamatan: the same signer as a push's (src/sync/push.ts pushSigner). */
export type RequestSigner = PushSigner;

/** This device's signer for privileged requests (a chair issuing codes); throws before enrolment. */
export function requestSigner(store: SyncStore): Promise<RequestSigner> {
  return pushSigner(store);
}

export interface PrivilegedRequest {
  method: 'POST';
  /** e.g. /api/codes */
  path: string;
  /** The JSON body sent (undefined: none). */
  body: unknown;
}

/**
 * The headers that sign a privileged request with the device key (src/api/signedRequest.ts): the
 * server refuses minting codes or revoking devices on a bearer token alone. A fresh nonce each
 * time, so the same request made twice on purpose is two requests, and a copy of one is a replay.
 */
export async function signRequestHeaders(signer: RequestSigner, request: PrivilegedRequest, at: Date): Promise<Record<string, string>> {
  const nonce = toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const signedAt = at.toISOString();
  const message = signedRequestMessage({
    method: request.method,
    path: request.path,
    body: await sha256Hex(request.body === undefined ? '' : canonicalJson(request.body)),
    device: signer.keyHash,
    kecamatan: signer.kecamatan,
    at: signedAt,
    nonce,
  });
  return {
    [SIGNED_REQUEST_HEADERS.at]: signedAt,
    [SIGNED_REQUEST_HEADERS.nonce]: nonce,
    [SIGNED_REQUEST_HEADERS.signature]: await signText(signer.privateKey, SIGNED_REQUEST_DOMAIN, message),
  };
}

/**
 * Sends a signed request. A laptop whose clock is off by more than the server allows is told the
 * server's time in the refusal and signs once more with it, so the chair's screen works the same
 * on a laptop with a wrong clock; any other refusal is the caller's.
 */
export async function sendSigned<T>(
  signer: RequestSigner,
  request: PrivilegedRequest,
  send: (headers: Record<string, string>) => Promise<T>,
  now: () => Date = () => new Date(),
): Promise<T> {
  try {
    return await send(await signRequestHeaders(signer, request, now()));
  } catch (error) {
    const serverTime = serverTimeOf(error);
    if (serverTime === null) throw error;
    return send(await signRequestHeaders(signer, request, serverTime));
  }
}

function serverTimeOf(error: unknown): Date | null {
  if (!(error instanceof TransportError) || error.failure.kind !== 'refused' || error.failure.status !== 401) return null;
  const stale = StaleSignedRequestSchema.safeParse(error.failure.body);
  return stale.success ? new Date(stale.data.error.serverTime) : null;
}
