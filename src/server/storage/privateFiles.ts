import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** What SQLite keeps beside the database file (WAL mode, and a rollback journal in between). */
export const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * The data folder 0700 and the database with its companions 0600 (docs/deployment.md, "Secrets at
 * rest"): they hold every figure, device and token hash. The database file is created 0600 before
 * SQLite opens it because SQLite gives the -wal and -shm files it creates later the database
 * file's mode; files and a folder left 0644/0755 by an older version are narrowed here, at each
 * start. A folder that is shared on purpose (sticky, like /tmp) or not ours is left as it is.
 */
export function restrictDataFiles(dir: string, file: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const folder = statSync(dir);
  const ours = typeof process.getuid !== 'function' || folder.uid === process.getuid();
  if (ours && (folder.mode & 0o1000) === 0 && (folder.mode & 0o077) !== 0) chmodSync(dir, folder.mode & 0o700);
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => file + suffix)]) {
    try {
      const mode = statSync(path).mode;
      if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o600);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
  }
}
