import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isErrnoError } from './jsonl-file.ts';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      holderPid === undefined
        ? `data directory ${dataDir} is being locked by another process at the same moment`
        : `data directory ${dataDir} is in use by process ${holderPid}; stop it, or delete ${path.join(dataDir, 'LOCK')} if no such process runs this app`,
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Makes this process the only one using `dataDir`: a `LOCK` file holding our pid. A lock whose process
 * is gone (a crash, kill -9) is taken over. Known gap: two processes taking over the same stale lock at
 * the same instant can both succeed; pids are only meaningful on one host (not across containers sharing a volume).
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockFile = path.join(dataDir, 'LOCK');
  // Linking a complete file into place means nobody ever reads a LOCK that has no pid in it yet.
  const claim = path.join(dataDir, `LOCK.${process.pid}.${randomUUID()}`);
  await fs.writeFile(claim, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.link(claim, lockFile);
        return ownedLock(lockFile);
      } catch (error) {
        if (!isErrnoError(error, 'EEXIST')) throw error;
      }
      const holder = await readHolder(lockFile);
      if (holder !== undefined && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      await fs.rm(lockFile, { force: true });
    }
    throw new DataDirLockedError(dataDir, undefined);
  } finally {
    await fs.rm(claim, { force: true });
  }
}

function ownedLock(lockFile: string): DataDirLock {
  let released: Promise<void> | undefined;
  return {
    release: () => (released ??= fs.rm(lockFile, { force: true })),
  };
}

async function readHolder(lockFile: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await fs.readFile(lockFile, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (isErrnoError(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrnoError(error, 'EPERM');
  }
}
