import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { networkCauseOf, unexpectedErrorText, unreachableText } from '../../../src/domain/errors/index.ts';

describe('network errors', () => {
  it('turns "Failed to fetch" into "Server tidak terjangkau" with what to check', () => {
    const message = unexpectedErrorText(new TypeError('Failed to fetch'));
    expect(message.id).toMatch(/^Server tidak terjangkau: tidak ada jawaban — periksa Wi-Fi/);
    expect(message.en).toMatch(/^Server unreachable: no answer — check the Wi-Fi/);
    expect(message.id).not.toContain('Failed');
    // Firefox and Safari word it otherwise; the sentence is the same.
    expect(unexpectedErrorText(new TypeError('NetworkError when attempting to fetch resource.'))).toEqual(message);
    expect(unexpectedErrorText(new TypeError('Load failed'))).toEqual(message);
  });

  it('tells a timeout and an offline device apart from no answer', () => {
    expect(networkCauseOf(new TypeError('Failed to fetch'), { aborted: true })).toBe('timeout');
    expect(networkCauseOf(new TypeError('Failed to fetch'), { online: false })).toBe('offline');
    expect(networkCauseOf(new TypeError('Failed to fetch'), { online: true })).toBe('no-answer');
    expect(unreachableText('timeout').id).toBe('Server tidak terjangkau: server tidak menjawab dalam batas waktu.');
    expect(unreachableText('offline').en).toBe('Server unreachable: this device is not connected to a network.');
  });
});

describe('unexpectedErrorText', () => {
  it('words what the app knows and keeps English details out of Indonesian', () => {
    expect(unexpectedErrorText(new SyntaxError('Unexpected end of JSON input')).id).toBe('Data tidak bisa dibaca: bukan JSON yang benar.');
    const zod = z.object({ a: z.number() }).safeParse({ a: 'x' }).error;
    expect(unexpectedErrorText(zod).id).toMatch(/^Data tidak sesuai format yang diharapkan: di a: Tidak ada atau jenisnya salah: diharapkan angka\.$/);
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    expect(unexpectedErrorText(quota).id).toMatch(/^Penyimpanan browser penuh/);
    const bug = unexpectedErrorText(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(bug.id).toBe('Terjadi galat tak terduga di aplikasi (TypeError). Coba lagi; bila berulang, catat langkahnya dan laporkan ke pengelola.');
    expect(bug.en).toContain('Cannot read properties of undefined');
    expect(unexpectedErrorText(undefined).id).not.toContain('undefined');
  });
});
