import { readFile } from 'node:fs/promises';
import { scheduleStartingToday } from '../domain/setup/reschedule.ts';
import { validateSetup } from '../domain/setup/validate.ts';
import { initKecamatan, issueCode, type IssuedCode } from './admin.ts';
import { PUGER_DEMO_SETUP } from './config.ts';
import type { Storage } from './storage/types.ts';

/**
 * `npm start`: the Puger demo kecamatan, created on the first start and kept afterwards (its data
 * and its schedule, which starts on the day of creation, are never reset), with a fresh one-time
 * chair code on every start.
 */
export async function ensureDemo(storage: Storage, now: () => Date = () => new Date()): Promise<{ kecamatan: string; name: string; created: boolean; chairCode: IssuedCode }> {
  const setupResult = validateSetup(JSON.parse(await readFile(PUGER_DEMO_SETUP, 'utf8')));
  if (!setupResult.ok) throw new Error(`the demo setup ${PUGER_DEMO_SETUP} is invalid`);
  // Its plan starts on the day it is created (WIB), not on the shipped February 2024 days.
  const setup = scheduleStartingToday(setupResult.value, now());
  const code = setup.kecamatan.code;
  if (!(await storage.kecamatan(code))) {
    const init = await initKecamatan({ storage, now }, setup);
    // Another process may have created it a moment ago; a fresh code below works either way.
    if (init.ok) return { kecamatan: code, name: setup.kecamatan.name, created: true, chairCode: init.value.chairCode };
  }
  const chair = await issueCode({ storage, now }, { kecamatan: code, role: 'chair', panel: null, createdBy: 'admin' });
  if (!chair.ok) throw new Error(chair.error.en);
  return { kecamatan: code, name: setup.kecamatan.name, created: false, chairCode: chair.value };
}
