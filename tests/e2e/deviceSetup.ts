import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/**
 * Writes the setup this browser profile holds (IndexedDB `rekap`, row `current` of `setup`) to
 * `path` and returns the path. *Mulai demo Puger* moves the demo's schedule to start on the day it
 * is made, so a summary made in the app is bound (by its setup hash) to that setup, not to the file
 * in public/demo: the command-line tool must be given this one.
 */
export async function saveDeviceSetup(page: Page, path: string): Promise<string> {
  const setup = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('rekap');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('setup').objectStore('setup').get('current');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { setup: unknown } | undefined)?.setup);
          };
        };
      }),
  );
  if (!setup) throw new Error('this profile holds no setup');
  writeFileSync(path, JSON.stringify(setup));
  return path;
}
