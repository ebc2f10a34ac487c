import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonRequest } from '../../src/sync/http.ts';
import { TransportError } from '../../src/sync/transport.ts';

const failureOf = async (fetch: typeof globalThis.fetch, timeoutMs = 1_000) => {
  const request = jsonRequest({ serverUrl: 'http://192.168.1.10:8787', token: null, fetch, timeoutMs });
  const error = await request('GET', '/api/x', z.object({ seq: z.number() })).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return (error as TransportError).failure;
};

describe('sync requests that fail say why in Indonesian and English', () => {
  it('"Failed to fetch" becomes "Server tidak terjangkau" with what to check', async () => {
    const failure = await failureOf(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(failure.kind).toBe('network');
    expect(failure.message.id).toBe(
      'Server tidak terjangkau: tidak ada jawaban — periksa Wi-Fi/kabel jaringan, alamat server, dan apakah laptop server menyala. Perubahan tetap tersimpan di perangkat ini dan dikirim nanti.',
    );
    expect(failure.message.en).toMatch(/^Server unreachable: no answer/);
  });

  it('a request stopped by its own timer is a timeout', async () => {
    const hang: typeof globalThis.fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))));
    const failure = await failureOf(hang, 10);
    expect(failure.message.id).toMatch(/^Server tidak terjangkau: server tidak menjawab dalam batas waktu\./);
  });

  it('an answer the schema refuses is named with its place, in words', async () => {
    const failure = await failureOf(() => Promise.resolve(new Response(JSON.stringify({ seq: 'tujuh' }), { status: 200 })));
    expect(failure.kind).toBe('protocol');
    expect(failure.message.id).toBe('Jawaban server tidak sesuai protokol: di seq: Jenis isian salah: diharapkan angka, tertulis teks "tujuh".');
    expect(failure.message.en).toBe('The server\'s answer does not follow the protocol: at seq: Wrong type: expected number, got text "tujuh".');
  });
});
