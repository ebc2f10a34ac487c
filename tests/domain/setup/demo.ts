import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The shipped demo setup as raw JSON (a fresh copy each call, so tests may mutate it). */
export function demoJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(`${root}public/demo/puger-setup.json`, 'utf8')) as Record<string, unknown>;
}

export interface Wilayah {
  source: string;
  prov: Record<string, string>;
  kab: Record<string, string>;
  kec: Record<string, string>;
  desa: Record<string, { name: string; tps: number }>;
}

export function wilayah(): Wilayah {
  return JSON.parse(readFileSync(`${root}tests/fixtures/puger-wilayah.json`, 'utf8')) as Wilayah;
}
