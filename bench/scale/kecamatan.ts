import { createRng, generateKecamatan, generateSetup } from '../../src/domain/synthetic/generate.ts';
import type { Setup } from '../../src/domain/setup/schema.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';

/** generateKecamatan's fixed wilayah (src/domain/synthetic/setup.ts), replaced per index below. */
const BASE_KECAMATAN = '317506';
const BASE_KABUPATEN = '3175';
/** Kabupaten 3171–3179 × kecamatan 01–99. */
export const MAX_KECAMATAN = 9 * 99;

/** The wilayah codes of the `index`-th synthetic kecamatan (0-based): distinct for every index below MAX_KECAMATAN. */
export function wilayahOf(index: number): { kabupaten: string; kecamatan: string } {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_KECAMATAN) throw new RangeError(`kecamatan index ${index} is outside 0…${MAX_KECAMATAN - 1}`);
  const kabupaten = String(3171 + Math.floor(index / 99));
  return { kabupaten, kecamatan: `${kabupaten}${String(1 + (index % 99)).padStart(2, '0')}` };
}

/** Every code of the generated kecamatan (setup, desa, TPS, the tallies' TPS) moved to the index's wilayah. */
function recode<T>(value: T, index: number): T {
  const { kabupaten, kecamatan } = wilayahOf(index);
  const json = JSON.stringify(value).replaceAll(`"${BASE_KECAMATAN}`, `"${kecamatan}`).replaceAll(`"${BASE_KABUPATEN}"`, `"${kabupaten}"`);
  return JSON.parse(json) as T;
}

/** The setup of the index-th kecamatan only (the same one scaleKecamatan returns; generateKecamatan draws it first). */
export function scaleSetup(index: number, tps: number): Setup {
  return recode(generateSetup(createRng(index + 1), tps), index);
}

/** The index-th kecamatan of `tps` TPS × 5 contests, seeded by its index: the same data on every run and machine. */
export function scaleKecamatan(index: number, tps: number): { setup: Setup; tallies: Tally[] } {
  return recode(generateKecamatan({ tps, seed: index + 1 }), index);
}
