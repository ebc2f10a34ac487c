import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../src/db/index.ts';
import { dbWithSetup, freshDb, TPS1, typeForm } from './fixtures.ts';

/** A backup file of one typed form, as JSON (what a person would pick). */
async function backupJson(): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at raw JSON
  const db = await dbWithSetup();
  await typeForm(db, TPS1, 'Ani');
  return JSON.parse(JSON.stringify(await exportBackup(db)));
}

const issuesOf = async (file: unknown) => {
  const result = await importBackup(freshDb(), file);
  expect(result.ok).toBe(false);
  if (result.ok || result.error.kind !== 'invalid-file') throw new Error('expected invalid-file');
  return result.error.issues;
};

describe('a refused backup file says what is wrong in Indonesian, naming the place', () => {
  it('quotes the offending value instead of zod’s "Invalid input: expected number, received string"', async () => {
    const file = await backupJson();
    file.tallies[0].revision = '3';
    const [issue] = await issuesOf(file);
    expect(issue).toEqual({
      path: 'tallies[0].revision',
      message: { id: 'Jenis isian salah: diharapkan angka, tertulis teks "3".', en: 'Wrong type: expected number, got text "3".' },
    });
  });

  it('names a form listed twice in words, not by its record key', async () => {
    const file = await backupJson();
    file.tallies.push(file.tallies[0]);
    const issues = await issuesOf(file);
    const twice = issues.find((i) => i.path === 'tallies[1].key');
    expect(twice?.message.id).toMatch(/^Formulir .+ TPS 001, Presiden tercantum dua kali\.$/);
    expect(twice?.message.id).not.toMatch(/\d{13}:[A-Z_]+/);
  });
});
