import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import type { CaseEvent, EventDraft } from '../../server/domain/case-events.ts';
import { chainEvents, GENESIS_HASH } from '../../server/domain/case-log.ts';
import type { Actor } from '../../server/domain/case-types.ts';
import { openFileStore } from '../../server/store/file-store.ts';
import { openRedisStore } from '../../server/store/redis-store.ts';
import type { Store } from '../../server/store/store.ts';
import { startRedis, type RedisServer } from './redis.ts';

/** One store under test on storage of its own. */
export interface StoreFixture {
  readonly store: Store;
  /** Closes the store and opens another on the same storage. */
  reopen(): Promise<Store>;
  /** Rewrites one stored event behind the store's back (file line / LSET). */
  tamper(caseId: string, seq: number, edit: (event: CaseEvent) => void): Promise<void>;
  dispose(): Promise<void>;
}

export interface StoreBackend {
  readonly name: 'file' | 'redis';
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  fresh(): Promise<StoreFixture>;
}

export function fileBackend(): StoreBackend {
  return {
    name: 'file',
    async setUp() {},
    async tearDown() {},
    async fresh() {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mediation-store-'));
      let store = await openFileStore(dataDir);
      return {
        get store() {
          return store;
        },
        async reopen() {
          await store.close();
          store = await openFileStore(dataDir);
          return store;
        },
        async tamper(caseId, seq, edit) {
          const file = path.join(dataDir, 'cases', `${caseId}.jsonl`);
          const lines = (await fs.readFile(file, 'utf8')).split('\n');
          const at = lines.findIndex((line) => line !== '' && (JSON.parse(line) as { events: CaseEvent[] }).events.some((event) => event.seq === seq));
          const record = JSON.parse(lines[at] ?? 'null') as { events: CaseEvent[] };
          const event = record.events.find((candidate) => candidate.seq === seq);
          if (!event) throw new Error(`no event #${seq} in ${file}`);
          edit(event);
          lines[at] = JSON.stringify(record);
          await fs.writeFile(file, lines.join('\n'));
        },
        async dispose() {
          await store.close();
          await fs.rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

export interface RedisFixture extends StoreFixture {
  readonly url: string;
  readonly keyPrefix: string;
}

export interface RedisBackend extends StoreBackend {
  fresh(): Promise<RedisFixture>;
}

/** One private redis-server for the whole file; each fixture gets a key prefix of its own. */
export function redisBackend(): RedisBackend {
  let server: RedisServer | undefined;
  let fixtures = 0;
  const running = () => {
    if (!server) throw new Error('redis backend not set up');
    return server;
  };
  return {
    name: 'redis',
    async setUp() {
      server = await startRedis();
    },
    async tearDown() {
      await server?.destroy();
    },
    async fresh() {
      const { url } = running();
      const keyPrefix = `test${++fixtures}:`;
      let store = await openRedisStore(url, { keyPrefix });
      return {
        url,
        keyPrefix,
        get store() {
          return store;
        },
        async reopen() {
          await store.close();
          store = await openRedisStore(url, { keyPrefix });
          return store;
        },
        async tamper(caseId, seq, edit) {
          const client = createClient({ url });
          await client.connect();
          try {
            const key = `${keyPrefix}case:${caseId}:events`;
            const event = JSON.parse((await client.lIndex(key, seq - 1)) ?? 'null') as CaseEvent;
            edit(event);
            await client.lSet(key, seq - 1, JSON.stringify(event));
          } finally {
            await client.close();
          }
        },
        async dispose() {
          await store.close();
        },
      };
    },
  };
}

export const MEDIATOR: Actor = { kind: 'account', accountId: 'acct-wang', role: 'mediator', name: '王秀英' };
const AT = '2025-03-03T09:30:00.000+08:00';

/** A realistic opening of a neighbours' dispute, in the order a case log would hold it. */
export const OPENING_DRAFTS: EventDraft[] = [
  {
    type: 'case.opened',
    data: {
      caseNumber: '(2025)浙0106民调字第0042号',
      channel: 'resident_application',
      disputeType: 'neighbour',
      title: '楼上卫生间漏水致楼下天花板受损',
      summary: '申请人称自2月起楼上住户卫生间持续渗水，要求赔偿维修费用 3,200 元。',
      areaCode: '330106',
      grid: '西溪街道第三网格',
      orgId: 'org-xixi',
      tier: 'mediator',
    },
  },
  {
    type: 'participant.added',
    data: { participant: { participantId: 'p-zhang', role: 'applicant', personKind: 'natural', name: '张伟', sex: 'male', ethnicity: '汉族', phoneMasked: '138****0427' } },
  },
  {
    type: 'participant.added',
    data: { participant: { participantId: 'p-li', role: 'respondent', personKind: 'natural', name: '李娜', sex: 'female', ethnicity: '回族', idNumberMasked: '330106********1028' } },
  },
  { type: 'case.assigned', data: { mediatorId: 'acct-wang', mediatorName: '王秀英', acceptBy: '2025-03-05T17:00:00.000+08:00' } },
  { type: 'case.accepted', data: { mediatorId: 'acct-wang', noConflictDeclared: true } },
];

/** The first `count` events of a case (at most the opening drafts), hash-chained from genesis. */
export function openingEvents(caseId: string, count = OPENING_DRAFTS.length): CaseEvent[] {
  return chainEvents(caseId, { seq: 0, hash: GENESIS_HASH }, OPENING_DRAFTS.slice(0, count), MEDIATOR, AT);
}

/** The next link after `previous`, one scheduled session distinguishing each caller. */
export function scheduledSession(caseId: string, previous: { seq: number; hash: string }, sessionId: string): CaseEvent[] {
  return chainEvents(caseId, previous, [{ type: 'session.scheduled', data: { sessionId, startsAt: '2025-03-10T14:00:00.000+08:00', roomId: `room-${sessionId}` } }], MEDIATOR, AT);
}
