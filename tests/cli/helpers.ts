import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const SIREKAP_DUMP = join(FIXTURES, 'sirekap-puger-ppwp-2024.json');
export const DEMO_SETUP = join(import.meta.dirname, '..', '..', 'public', 'demo', 'puger-setup.json');

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with captured streams (main's injectable io). */
export async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

export async function tempDir(): Promise<{ dir: string; path: (name: string) => string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rekap-cli-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function readJson<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

export async function writeJson(path: string, value: unknown): Promise<string> {
  await writeFile(path, JSON.stringify(value, null, 2));
  return path;
}

/** Bad input must be one sentence: one line, no stack frames. */
export function expectOneSentence(stderr: string): { lines: string[]; hasStack: boolean } {
  const lines = stderr.trimEnd().split('\n');
  return { lines, hasStack: /^\s+at /m.test(stderr) };
}
