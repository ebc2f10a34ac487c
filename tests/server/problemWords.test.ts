import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text } from '../../src/domain/common/text.ts';
import { problems } from '../../src/server/http/problem.ts';
import { reasons } from '../../src/server/push/reasons.ts';

describe('the server words refused input for the devices, not with zod’s English', () => {
  const schema = z.object({ ops: z.array(z.object({ baseVersion: z.number() })) });
  const body = { ops: [{ baseVersion: 'dua' }] };
  const error = schema.safeParse(body).error!;

  it('a refused request body names the place and quotes the value', () => {
    const problem = problems.invalid(error, text('Permintaan push', 'The push request'), { root: body });
    expect(problem.body().error.message).toEqual({
      id: 'Permintaan push tidak sah: di ops[0].baseVersion: Jenis isian salah: diharapkan angka, tertulis teks "dua".',
      en: 'The push request is not valid: at ops[0].baseVersion: Wrong type: expected number, got text "dua".',
    });
  });

  it('a malformed op’s reason is a sentence in both languages', () => {
    const reason = reasons.malformed(text('di record: Wajib diisi.', 'at record: Required.'));
    expect(reason).toEqual({ id: 'Operasi tidak sah: di record: Wajib diisi.', en: 'Malformed op: at record: Required.' });
  });
});
