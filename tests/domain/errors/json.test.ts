import { describe, expect, it } from 'vitest';
import { fileSubject, findJsonFault, parseJsonText } from '../../../src/domain/errors/index.ts';

const subject = fileSubject('cadangan.json');
const failure = (source: string) => {
  const result = parseJsonText(source, subject);
  expect(result.ok).toBe(false);
  return result.ok ? { id: '', en: '' } : result.error;
};

describe('parseJsonText', () => {
  it('parses JSON, a Windows byte-order mark included', () => {
    expect(parseJsonText('\uFEFF{"a":[1,2]}', subject)).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it('says a cut-off file is cut off, with the line and column, instead of "Unexpected end of JSON input"', () => {
    const message = failure('{\n  "desa": [\n    {"code": "3509082001"');
    expect(message.id).toBe(
      'Berkas cadangan.json terpotong: isinya berhenti sebelum lengkap (baris 3, kolom 26). Mungkin berkas belum selesai diunduh atau disalin; ambil lagi berkas aslinya.',
    );
    expect(message.en).toMatch(/^File cadangan\.json is cut short: .*\(line 3, column 26\)/);
  });

  it('names the unexpected character and quotes the text around it', () => {
    const message = failure('{"a": 1,\n "b": }');
    expect(message.id).toBe('Berkas cadangan.json bukan JSON yang benar: ada "}" yang tidak diharapkan di baris 2, kolom 7 (dekat: {"a": 1, "b": }).');
    expect(message.en).toBe('File cadangan.json is not valid JSON: unexpected "}" at line 2, column 7 (near: {"a": 1, "b": }).');
  });

  it('says an empty file is empty', () => {
    expect(failure('  \n').id).toBe('Berkas cadangan.json kosong: tidak ada isinya.');
  });

  it('finds text after the end of the data (two files pasted together)', () => {
    expect(failure('{"a":1}{"b":2}').id).toMatch(/masih ada isi setelah akhir data di baris 1, kolom 8/);
  });

  it('never passes the engine’s English message on', () => {
    for (const bad of ['{', '[1,]', '{"a" 1}', 'tru', '"\\x"', '01', "{'a':1}", 'NaN']) {
      const message = failure(bad);
      expect(message.id, bad).not.toMatch(/Unexpected|JSON input|position|token/);
      expect(message.id, bad).toMatch(/^Berkas cadangan\.json /);
    }
  });
});

describe('findJsonFault', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const samples = ['{}', '[]', '0', '-1.5e+3', '"a\\u00e9"', '{"a":[true,false,null]}', '[1,]', '{"a":}', '1.', '-', '"\u0001"', '[1 2]'];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect(findJsonFault(sample) === null, sample).toBe(valid);
    }
  });
});
