import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { err, ok, type Result } from '../../domain/common/result.ts';

export type BodyFailure = 'too-large' | 'aborted';

/**
 * The request body, read only when a route asks for it (after authentication) and never held
 * beyond `limit` bytes: past it the read stops and nothing more is kept (docs/deployment.md,
 * "Memory under unauthenticated load"). A Content-Length above the limit is refused unread.
 *
 * Under @hono/node-server the Node request is read directly, not through the web stream hono
 * wraps it in: once we stop, the request is merely paused, and after the response the adapter
 * reads and discards what the client still sends for at most 500 ms (64 MiB) before closing the
 * socket — a lingering close, so the client sees the 401/413 instead of a reset connection, while
 * the server keeps none of it. In-process requests (app.request) are read from the web stream.
 */
export async function readBody(c: Context, limit: number): Promise<Result<Uint8Array, BodyFailure>> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined && Number(declared) > limit) return err('too-large');
  const incoming = nodeIncoming(c);
  return incoming ? readIncoming(incoming, limit) : readWebStream(c.req.raw.body, limit);
}

function nodeIncoming(c: Context): IncomingMessage | null {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null;
  const incoming = (env as { incoming: unknown }).incoming;
  return typeof incoming === 'object' && incoming !== null && 'on' in incoming && 'pause' in incoming ? (incoming as IncomingMessage) : null;
}

function readIncoming(incoming: IncomingMessage, limit: number): Promise<Result<Uint8Array, BodyFailure>> {
  if (incoming.readableEnded) return Promise.resolve(ok(new Uint8Array(0)));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Result<Uint8Array, BodyFailure>) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onAborted);
      incoming.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Paused, not destroyed: a destroyed request takes its socket and the 413 with it.
        incoming.pause();
        chunks.length = 0;
        finish(err('too-large'));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish(ok(Buffer.concat(chunks, size)));
    const onAborted = () => finish(err('aborted'));
    const onClose = () => {
      if (!incoming.readableEnded) onAborted();
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onAborted);
    incoming.on('close', onClose);
    incoming.resume();
  });
}

async function readWebStream(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Result<Uint8Array, BodyFailure>> {
  if (body === null) return ok(new Uint8Array(0));
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return err('too-large');
      }
      chunks.push(value);
    }
  } catch {
    return err('aborted');
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return ok(out);
}
