import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { openRekapDb, type RekapDb } from '../../src/db/index.ts';
import { validateSetup, type Setup } from '../../src/domain/setup/index.ts';
import { setAppDb } from '../../src/ui/common/db.ts';
import { i18n } from '../../src/ui/i18n/i18n.ts';

export const DEMO_PATH = resolve(process.cwd(), 'public/demo/puger-setup.json');

export function demoJson(): unknown {
  return JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as unknown;
}

export function demoSetup(): Setup {
  const result = validateSetup(demoJson());
  if (!result.ok) throw new Error(`demo setup invalid: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A fresh, empty database for one test, installed as the app's database; UI language reset to id. */
export async function freshApp(): Promise<RekapDb> {
  const db = openRekapDb(`ui-test-${crypto.randomUUID()}`);
  setAppDb(db);
  await i18n.changeLanguage('id');
  window.location.hash = '';
  // A fresh tab too: the first-run name kept in sessionStorage must not leak between tests.
  sessionStorage.clear();
  return db;
}

/** fetch() answering the demo setup from disk (the real app gets it from the precache). */
export function mockDemoFetch(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (String(url).endsWith('demo/puger-setup.json')) {
        return new Response(readFileSync(DEMO_PATH, 'utf8'), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return new Response('not found', { status: 404 });
    }),
  );
}

export function jsonFile(name: string, value: unknown): File {
  return new File([JSON.stringify(value)], name, { type: 'application/json' });
}
