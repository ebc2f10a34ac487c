import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from '../../domain/common/text.ts';
import { StateError } from './stateError.ts';

/**
 * One process per state folder: `lock` holds the pid of the process using it. SQLite would let two
 * processes share the file, but two `rekap sync` runs on one outbox would send the same ops twice
 * over and race on their answers; a lock left by a killed process is taken over.
 */
export async function takeStateLock(dir: string): Promise<void> {
  const lock = join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new StateError(text(`Folder ${dir} sedang dipakai proses ${pid}.`, `Folder ${dir} is in use by process ${pid}.`));
      }
      // Left behind by a process that is gone (killed): take it over.
      await unlink(lock).catch(() => undefined);
    }
  }
  throw new StateError(text(`Folder ${dir} tidak dapat dikunci.`, `Folder ${dir} cannot be locked.`));
}

export async function releaseStateLock(dir: string): Promise<void> {
  await unlink(join(dir, 'lock')).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
