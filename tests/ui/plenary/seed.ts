// Shared seeding for the chair's-view component tests: the Puger demo and Bagon's PPWP forms.
import { expect } from 'vitest';
import { tpsCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import type { TalliesFile } from '../../../src/domain/tally/tally.ts';
import { importTallies, saveSetup, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { BAGON, desaTalliesFile, type DesaFileOptions } from '../../e2e/plenary-fixtures.ts';
import { demoSetup, freshApp } from '../helpers.ts';

export { BAGON };
export const bagonTps = (n: number) => tpsCode(BAGON, n);

export async function seedPuger(): Promise<{ db: RekapDb; setup: Setup }> {
  const db = await freshApp();
  const setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  await setSetting(db, 'operatorName', 'Ketua PPK');
  return { db, setup };
}

export async function importFile(db: RekapDb, file: TalliesFile): Promise<void> {
  const r = await importTallies(db, file, 'Ketua PPK');
  expect(r.ok && r.value.imported).toBe(file.tallies.length);
}

export async function importBagon(db: RekapDb, setup: Setup, opts: DesaFileOptions = {}): Promise<TalliesFile> {
  const file = desaTalliesFile(setup, BAGON, opts);
  await importFile(db, file);
  return file;
}
