import { blobPath, BlobPutResponseSchema } from '../api/index.ts';
import { err, ok, type Result } from '../domain/common/result.ts';

/**
 * The blob requests of the sync protocol (docs/sync.md, "Photo blobs"): PUT and GET
 * /api/blobs/<sha256> with the device's token. No database here: the headless client's transport
 * (src/sync/http.ts) carries them too, and it loads no browser database code.
 */

export interface BlobClientOptions {
  serverUrl: string;
  token: string;
  fetch?: typeof globalThis.fetch;
}

export type BlobFailure =
  | { kind: 'network'; sha256: string }
  /** The server answered 4xx/5xx: its status (403: this device may not write that TPS; 413; 422). */
  | { kind: 'refused'; sha256: string; status: number }
  /** Downloaded bytes that do not hash to the address: not stored. */
  | { kind: 'mismatch'; sha256: string }
  /** This device's storage is full: not stored (the db's message says what and how to free space). */
  | { kind: 'quota'; sha256: string };

export interface BlobRound {
  done: number;
  failures: BlobFailure[];
}

/** The two blob requests (part of the sync Transport, src/sync/transport.ts). */
export interface BlobTransport {
  /** PUT: ok(true) stored now, ok(false) the server had it. */
  putBlob(sha256: string, tps: string, blob: Blob): Promise<Result<boolean, BlobFailure>>;
  getBlob(sha256: string): Promise<Result<Blob, BlobFailure>>;
}

/** The blob requests over HTTP with the device's token. */
export function httpBlobTransport(options: BlobClientOptions): BlobTransport {
  const base = options.serverUrl.trim().replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const auth = { authorization: `Bearer ${options.token}` };
  return {
    async putBlob(sha256, tps, blob) {
      let res: Response;
      try {
        const body = new Uint8Array(await blob.arrayBuffer());
        res = await doFetch(`${base}${blobPath(sha256)}?tps=${encodeURIComponent(tps)}`, { method: 'PUT', headers: { ...auth, 'content-type': blob.type }, body: body as Uint8Array<ArrayBuffer> });
      } catch {
        return err({ kind: 'network', sha256 });
      }
      if (!res.ok) return err({ kind: 'refused', sha256, status: res.status });
      const parsed = BlobPutResponseSchema.safeParse(await res.json().catch(() => null));
      return parsed.success && parsed.data.sha256 === sha256 ? ok(parsed.data.stored) : err({ kind: 'refused', sha256, status: res.status });
    },
    async getBlob(sha256) {
      let res: Response;
      try {
        res = await doFetch(`${base}${blobPath(sha256)}`, { headers: auth });
      } catch {
        return err({ kind: 'network', sha256 });
      }
      if (!res.ok) return err({ kind: 'refused', sha256, status: res.status });
      return ok(new Blob([await res.arrayBuffer()], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
    },
  };
}

