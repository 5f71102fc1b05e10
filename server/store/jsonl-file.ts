import fs from 'node:fs/promises';
import path from 'node:path';

const NEWLINE = 0x0a;

export interface JsonlContents {
  records: unknown[];
  /** Bytes up to the end of the last intact record; anything after it is a torn write. */
  intactLength: number;
  fileLength: number;
}

export class CorruptFileError extends Error {
  override name = 'CorruptFileError';
}

/** Reads an append-only JSON-lines file (undefined when it does not exist), at most `limit` bytes of it. */
export async function readJsonl(file: string, limit = Number.POSITIVE_INFINITY): Promise<JsonlContents | undefined> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (error) {
    if (isErrnoError(error, 'ENOENT')) return undefined;
    throw error;
  }
  return { ...parseJsonl(buffer.subarray(0, Math.min(limit, buffer.length)), file), fileLength: buffer.length };
}

function parseJsonl(buffer: Buffer, file: string): Omit<JsonlContents, 'fileLength'> {
  const records: unknown[] = [];
  let start = 0;
  for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
    try {
      records.push(JSON.parse(buffer.toString('utf8', start, end)));
    } catch {
      // Records are flushed one at a time, so only the last one can be a torn write (its blocks may reach
      // the disk out of order and include the newline); a bad record before it is damage, not a crash.
      if (buffer.indexOf(NEWLINE, end + 1) === -1) break;
      throw new CorruptFileError(`${file}: unreadable record at byte ${start}`);
    }
    start = end + 1;
  }
  return { records, intactLength: start };
}

/** Writes one record with one write call and flushes it before returning. */
export async function appendLine(handle: fs.FileHandle, line: Buffer): Promise<void> {
  let written = 0;
  // A regular file takes the whole buffer in one call; the loop only matters on a short write (disk full).
  while (written < line.length) written += (await handle.write(line, written)).bytesWritten;
  await handle.datasync();
}

/** Cuts a torn tail off and makes the cut durable, so a later record cannot land among its leftovers. */
export async function truncateDurably(handle: fs.FileHandle, length: number): Promise<void> {
  await handle.truncate(length);
  await handle.datasync();
}

/** Makes a directory's entries (a new or renamed file) survive a crash of the machine. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Data files are the owner's alone: they hold cases (0600, in 0700 directories, whatever the umask). */
export const DATA_FILE_MODE = 0o600;
export const DATA_DIR_MODE = 0o700;

/** Creates `dir` (and parents) 0700 and makes each new directory entry durable. */
export async function ensureDirectory(dir: string): Promise<void> {
  const firstCreated = await fs.mkdir(dir, { recursive: true, mode: DATA_DIR_MODE });
  if (firstCreated === undefined) return;
  let current = path.resolve(dir);
  const stop = path.dirname(path.resolve(firstCreated));
  for (;;) {
    await fsyncDirectory(current);
    if (current === stop) return;
    current = path.dirname(current);
  }
}

export function isErrnoError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
