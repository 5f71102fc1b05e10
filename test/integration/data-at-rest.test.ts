import fs from 'node:fs';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { waitUntil } from '../helpers/processes.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { startTestServer, tempDataDir } from '../helpers/server.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { caseBody, expectOk, World } from '../helpers/world.ts';

/**
 * A copy of the data directory or a Redis dump alone must not show anyone's ID number or phone:
 * they live only in the vault, sealed with a key kept outside both. The case below gives the
 * applicant both and texts them a session notice; a second case with the same people goes on to
 * an agreement signed by all, whose frozen text and PDFs print both.
 */
const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';

/** The values as people and programs write them. */
const forbidden = [
  ID_NUMBER,
  ID_NUMBER.toLowerCase(),
  '110105 19491231 002X',
  '110105-19491231-002X',
  '19491231002X',
  PHONE,
  '138 1234 5678',
  '138-1234-5678',
  '138 12345678',
  Buffer.from(PHONE).toString('base64'),
  Buffer.from(ID_NUMBER).toString('base64'),
  // A signed PDF or a signature picture stored as it is (base64 of "%PDF-" and of the PNG signature):
  // the PDFs print both, in compressed streams a grep would miss.
  'JVBERi0',
  'iVBORw0KGgo',
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function leaksIn(label: string, text: string): string[] {
  return forbidden.filter((value) => text.includes(value)).map((value) => `${label}: ${value}`);
}

/** A case with the applicant's ID number and phone, invited, and told of a session by text; another signed. */
async function seedCaseWithPhone(app: RunningApp): Promise<void> {
  const world = await World.create(app);
  const opened = await expectOk(world.mediator.post('/cases', caseBody()));
  const caseId = opened.body.caseId as string;
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  await world.withResident(world.mediator, caseId, { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: ID_NUMBER, address: '高密市柏城镇幸福路8号', phone: PHONE });
  await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 86_400_000).toISOString() }));
  await waitUntil(() => {
    const outbox = path.join(dataDirOf(app), 'outbox.log');
    return (fs.existsSync(outbox) && fs.readFileSync(outbox, 'utf8').includes('调解')) || undefined;
  }, { what: 'the text to the applicant in the outbox' });
  await signedCaseIn(world);
}

const dataDirs = new Map<RunningApp, string>();
const dataDirOf = (app: RunningApp) => dataDirs.get(app)!;

let app: RunningApp | undefined;
let redis: RedisServer | undefined;
afterAll(async () => {
  await app?.close();
  await redis?.destroy();
});

describe('data at rest', () => {
  it('a copy of the data directory (file store) shows no ID number or phone in clear', async () => {
    const dataDir = tempDataDir();
    app = await startTestServer({ DATA_DIR: dataDir });
    dataDirs.set(app, dataDir);
    await seedCaseWithPhone(app);
    await app.close();
    app = undefined;

    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('outbox.log'))).toBe(true);
    const leaks = files.flatMap((file) => leaksIn(path.relative(dataDir, file), fs.readFileSync(file, 'latin1')));
    expect(leaks).toEqual([]);
    // And the files are the server user's alone.
    const modes = files.map((file) => `${path.relative(dataDir, file)} ${(fs.statSync(file).mode & 0o777).toString(8)}`);
    expect(modes.filter((line) => !line.endsWith(' 600'))).toEqual([]);
  });

  it('a Redis dump shows no ID number or phone in clear, and holds no key', async () => {
    redis = await startRedis();
    const dataDir = tempDataDir();
    // Broadcasts through Redis are not what this is about (and a broadcast still queued at close rejects).
    app = await startTestServer({ DATA_DIR: dataDir, REDIS_URL: redis.url, SOCKET_ADAPTER: 'memory' });
    dataDirs.set(app, dataDir);
    await seedCaseWithPhone(app);
    await app.close();
    app = undefined;

    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const values: string[] = [];
      for await (const keys of client.scanIterator({ COUNT: 500 })) {
        for (const key of keys) {
          const type = await client.type(key);
          if (type === 'string') values.push(`${key}=${await client.get(key)}`);
          else if (type === 'list') values.push(`${key}=${(await client.lRange(key, 0, -1)).join('\n')}`);
          else if (type === 'hash') values.push(`${key}=${JSON.stringify(await client.hGetAll(key))}`);
          else if (type === 'set') values.push(`${key}=${(await client.sMembers(key)).join('\n')}`);
          else if (type === 'zset') values.push(`${key}=${(await client.zRange(key, 0, -1)).join('\n')}`);
          else values.push(`${key}=<${type}>`);
        }
      }
      expect(values.length).toBeGreaterThan(10);
      expect(values.filter((entry) => /^[^=]*secret/i.test(entry))).toEqual([]);
      expect(values.flatMap((entry) => leaksIn(entry.slice(0, entry.indexOf('=')), entry))).toEqual([]);

      // The dump file itself, uncompressed so a plain value would show.
      await client.configSet('rdbcompression', 'no');
      await client.sendCommand(['SAVE']);
    } finally {
      await client.close();
    }
    const dump = fs.readFileSync(path.join(redis.dataDir, 'dump.rdb'), 'latin1');
    expect(leaksIn('dump.rdb', dump)).toEqual([]);
    const files = filesUnder(dataDir);
    expect(files.flatMap((file) => leaksIn(path.relative(dataDir, file), fs.readFileSync(file, 'latin1')))).toEqual([]);
  });
});
