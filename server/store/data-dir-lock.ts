import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { isErrnoError } from './jsonl-file.ts';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(readonly dataDir: string) {
    super(`data directory ${dataDir} is in use by another process; stop it first. A lock left by a process that died frees itself within ${STALE_MS / 1000} seconds.`);
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** A holder that stops refreshing its lock for this long is taken to be gone. */
const STALE_MS = 10_000;
const LOCK_NAME = 'LOCK';

/**
 * Makes this process the only one using `dataDir`: an exclusive `LOCK` directory whose mtime the
 * holder refreshes every few seconds (proper-lockfile). Liveness is judged by that heartbeat, not
 * by a pid: after a container restart the old pid may belong to an unrelated live process (often
 * pid 1), so a pid file would block the restart for ever. A holder killed outright leaves a lock
 * that goes stale and is taken over; a start right after such a crash waits for it. Works across
 * hosts sharing a volume as far as the filesystem keeps mtimes and mkdir atomic.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockPath = path.join(dataDir, LOCK_NAME);
  await removeLegacyPidFile(lockPath);
  let unlock: (() => Promise<void>) | undefined;
  // Bounded: a lock whose mtime neither moves nor ages (a clock far ahead) is not waited on for ever.
  for (let attempt = 0; attempt < 3 && !unlock; attempt++) {
    try {
      unlock = await tryLock(dataDir, lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      // Held: by a live process (its heartbeat moves the mtime) or by one that died (it goes
      // stale, and the next try takes it over).
      if (await heartbeatSeen(lockPath)) throw new DataDirLockedError(dataDir);
    }
  }
  if (!unlock) throw new DataDirLockedError(dataDir);
  let released: Promise<void> | undefined;
  // The LOCK directory stays empty: proper-lockfile removes a stale one with rmdir, and watches its mtime.
  return { release: () => (released ??= unlock()) };
}

function tryLock(dataDir: string, lockPath: string): Promise<() => Promise<void>> {
  return lockfile.lock(dataDir, {
    lockfilePath: lockPath,
    stale: STALE_MS,
    update: STALE_MS / 5,
    realpath: false,
    // Someone else took the lock while we held it (we stalled past the stale limit): carrying on
    // could interleave writes. Throwing here ends the process through its uncaught-error handler.
    onCompromised: (error) => {
      throw new Error(`lost the lock on data directory ${dataDir}: ${error.message}`);
    },
  });
}

/**
 * Watches the lock for up to the stale limit: true as soon as its holder refreshes it, false once
 * it went stale or disappeared (then it can be taken).
 */
async function heartbeatSeen(lockPath: string): Promise<boolean> {
  const mtimeOf = async () => (await fs.stat(lockPath).catch(() => undefined))?.mtimeMs;
  const first = await mtimeOf();
  const deadline = Date.now() + STALE_MS;
  while (first !== undefined && Date.now() < deadline && first >= Date.now() - STALE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await mtimeOf();
    if (now === undefined) return false;
    if (now !== first) return true;
  }
  return false;
}

/**
 * Versions before this one kept a `LOCK` file holding a pid. Whether that pid is alive says
 * nothing after a restart, so such a file is simply removed (stop the old version before
 * upgrading; the README says so).
 */
async function removeLegacyPidFile(lockPath: string): Promise<void> {
  try {
    if ((await fs.lstat(lockPath)).isFile()) await fs.rm(lockPath, { force: true });
  } catch (error) {
    if (!isErrnoError(error, 'ENOENT')) throw error;
  }
}

