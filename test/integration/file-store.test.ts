import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../server/domain/case-log.ts';
import { DataDirLockedError } from '../../server/store/data-dir-lock.ts';
import { openFileStore } from '../../server/store/file-store.ts';
import type { Store } from '../../server/store/store.ts';
import { StoreInputError } from '../../server/store/store-input.ts';
import { spawnTracked, waitForExit } from '../helpers/processes.ts';
import { openingEvents, scheduledSession } from '../helpers/store-backends.ts';

let dataDir: string;
const open: Store[] = [];

async function openTracked(options?: Parameters<typeof openFileStore>[1]): Promise<Store> {
  const store = await openFileStore(dataDir, options);
  open.push(store);
  return store;
}

const caseFile = (caseId: string) => path.join(dataDir, 'cases', `${caseId}.jsonl`);
const linesOf = async (file: string) => (await fs.readFile(file, 'utf8')).split('\n');

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mediation-file-store-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the file store after a crash mid-write', () => {
  it.each([
    ['a record cut short', '{"events":[{"caseId":"case-1","seq":4,"type":"case.as'],
    ['zeros where the record should be, newline included', `${'\u0000'.repeat(600)}\n`],
    ['a broken record and the start of another', '{"events":[{"caseId":"ca\n{"ev'],
  ])('ignores %s at the end of a case file, then cuts it off on the next append', async (_, tail) => {
    const events = openingEvents('case-1', 4);
    const first = await openTracked();
    await first.events.append('case-1', 0, events.slice(0, 2));
    await first.events.append('case-1', 2, events.slice(2, 3));
    await first.close();
    await fs.appendFile(caseFile('case-1'), tail);

    const second = await openTracked();
    expect(await second.events.read('case-1')).toEqual(events.slice(0, 3));
    expect((await fs.readFile(caseFile('case-1'), 'utf8')).endsWith(tail)).toBe(true);
    await second.events.append('case-1', 3, events.slice(3));

    const lines = await linesOf(caseFile('case-1'));
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line) as unknown).not.toThrow();
    await second.close();
    expect(verifyChain('case-1', await (await openTracked()).events.read('case-1'))).toMatchObject({ valid: true, length: 4 });
  });

  it('refuses to open over a damaged record that is not the last one, and leaves the lock free', async () => {
    const events = openingEvents('case-1', 3);
    const store = await openTracked();
    for (const [i, event] of events.entries()) await store.events.append('case-1', i, [event]);
    await store.close();
    const lines = await linesOf(caseFile('case-1'));
    lines[1] = lines[1]!.slice(0, 20);
    await fs.writeFile(caseFile('case-1'), lines.join('\n'));

    await expect(openFileStore(dataDir)).rejects.toThrow(/unreadable record/);
    await expect(openFileStore(dataDir)).rejects.toThrow(/unreadable record/);
  });

  it('ignores a torn op at the end of the key-value log', async () => {
    const first = await openTracked();
    await first.kv.set('account:1', { name: '陈静' });
    await first.kv.increment('case-number:2025');
    await first.close();
    await fs.appendFile(path.join(dataDir, 'kv.jsonl'), '{"op":"set","key":"account:2","val');

    const second = await openTracked();
    expect(await second.kv.keys('')).toEqual(['account:1', 'case-number:2025']);
    expect(await second.kv.increment('case-number:2025')).toBe(2);
    await second.close();

    const third = await openTracked();
    expect(await third.kv.get('account:1')).toEqual({ name: '陈静' });
    expect(await third.kv.get('case-number:2025')).toBe(2);
  });
});

describe('the file store data directory', () => {
  it('cannot be opened twice at the same time', async () => {
    const first = await openTracked();
    expect((await fs.stat(path.join(dataDir, 'LOCK'))).isDirectory()).toBe(true);

    const second = openFileStore(dataDir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toMatchObject({ dataDir });

    await first.close();
    await expect(fs.access(path.join(dataDir, 'LOCK'))).rejects.toThrow();
    await (await openTracked()).close();
  });

  it('is taken over from a process that died holding it', async () => {
    const child = spawnTracked(process.execPath, ['-e', '']);
    await waitForExit(child);
    await fs.writeFile(path.join(dataDir, 'LOCK'), `${child.pid}\n`);

    const store = await openTracked();

    expect((await fs.stat(path.join(dataDir, 'LOCK'))).isDirectory()).toBe(true);
    await store.events.append('case-1', 0, openingEvents('case-1', 1));
  });

  it('is not held by a pid that lives on after a restart (pid reuse: process 1, our parent)', async () => {
    // After a container restart the pid in an old lock may belong to an unrelated live process.
    for (const livePid of [1, process.ppid]) {
      await fs.writeFile(path.join(dataDir, 'LOCK'), `${livePid}\n`);
      const store = await openTracked();
      await store.close();
    }
    // A lock of this version whose holder stopped refreshing it (killed) is taken over too.
    await fs.mkdir(path.join(dataDir, 'LOCK'));
    const longAgo = new Date(Date.now() - 60_000);
    await fs.utimes(path.join(dataDir, 'LOCK'), longAgo, longAgo);
    await (await openTracked()).close();
  });

  it('is created 0700 with its files 0600, whatever the umask', async () => {
    const fresh = path.join(dataDir, 'fresh');
    const store = await openFileStore(fresh, { compactAfterOps: 2 });
    try {
      await store.events.append('case-1', 0, openingEvents('case-1', 1));
      // Superseded again and again: compaction swaps in a new kv.jsonl.
      for (let i = 0; i < 8; i++) await store.kv.set('account:1', { name: '陈静', i });
    } finally {
      await store.close();
    }
    const modeOf = async (file: string) => ((await fs.stat(path.join(fresh, file))).mode & 0o777).toString(8);
    expect(await modeOf('.')).toBe('700');
    expect(await modeOf('cases')).toBe('700');
    expect(await modeOf('cases/case-1.jsonl')).toBe('600');
    expect(await modeOf('kv.jsonl')).toBe('600');
  });

  it('holds nothing but the lock, the case files and the key-value log; case ids cannot leave it', async () => {
    const store = await openTracked();
    await expect(store.events.append('../../escape', 0, openingEvents('../../escape', 1))).rejects.toBeInstanceOf(StoreInputError);
    await expect(store.events.read('../kv')).rejects.toBeInstanceOf(StoreInputError);
    await store.events.append('case-1', 0, openingEvents('case-1', 1));

    expect((await fs.readdir(dataDir)).sort()).toEqual(['LOCK', 'cases', 'kv.jsonl']);
    expect(await fs.readdir(path.join(dataDir, 'cases'))).toEqual(['case-1.jsonl']);
    expect(await fs.readdir(path.dirname(dataDir))).not.toContain('escape.jsonl');
  });
});

describe('the file store key-value log', () => {
  it('is compacted to the live keys once mostly superseded, without losing any', async () => {
    const store = await openTracked({ compactAfterOps: 20 });
    await store.kv.set('account:1', { name: '陈静' });
    for (let i = 0; i < 60; i++) await store.kv.increment('case-number:2025');
    await store.kv.set('gone', true);
    await store.kv.delete('gone');
    await store.close();

    expect((await linesOf(path.join(dataDir, 'kv.jsonl'))).length).toBeLessThan(20);
    const reopened = await openTracked({ compactAfterOps: 20 });
    expect(await reopened.kv.get('account:1')).toEqual({ name: '陈静' });
    expect(await reopened.kv.get('gone')).toBeUndefined();
    expect(await reopened.kv.increment('case-number:2025')).toBe(61);
  });
});

describe('the file store key-value expiry', () => {
  it('drops expired keys at compaction and keeps the expiry of live ones', async () => {
    const store = await openTracked({ compactAfterOps: 20 });
    await store.kv.set('refresh:expired', { accountId: 'a' }, { ttlSeconds: 1 });
    await store.kv.set('refresh:live', { accountId: 'b' }, { ttlSeconds: 3600 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (let i = 0; i < 60; i++) await store.kv.increment('case-number:2025');
    await store.close();

    const lines = await linesOf(path.join(dataDir, 'kv.jsonl'));
    expect(lines.join('\n')).not.toContain('refresh:expired');
    const live = lines.filter(Boolean).map((line) => JSON.parse(line) as { key: string; expiresAt?: number }).find((op) => op.key === 'refresh:live');
    expect(live?.expiresAt).toBeGreaterThan(Date.now() + 3000 * 1000);
    const reopened = await openTracked({ compactAfterOps: 20 });
    expect(await reopened.kv.get('refresh:live')).toEqual({ accountId: 'b' });
  });
});

describe('the file store case log', () => {
  it('writes one line per append, events and index changes together', async () => {
    const store = await openTracked();
    const events = openingEvents('case-1');
    await store.events.append('case-1', 0, events.slice(0, 3), [{ op: 'add', index: 'all', caseId: 'case-1' }]);
    await store.events.append('case-1', 3, events.slice(3));
    await store.events.append('case-1', 5, scheduledSession('case-1', events[4]!, 's-1'));

    const lines = await linesOf(caseFile('case-1'));
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ events: events.slice(0, 3), indexChanges: [{ op: 'add', index: 'all', caseId: 'case-1' }] });
    expect(JSON.parse(lines[1]!)).toEqual({ events: events.slice(3), indexChanges: [] });
  });
});
