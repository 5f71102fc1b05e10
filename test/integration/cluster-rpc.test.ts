import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NoServingNodeError } from '../../server/cluster/placement.ts';
import {
  defineRpcMethod,
  MAX_RPC_PAYLOAD_BYTES,
  RedisRpc,
  RpcClosedError,
  RpcContractError,
  RpcNoHandlerError,
  RpcPayloadTooLargeError,
  RpcRemoteFailureError,
  RpcTimeoutError,
  RpcUnreachableError,
} from '../../server/cluster/redis-rpc.ts';
import { clusterKeys } from '../../server/cluster/keys.ts';
import { AppError } from '../../server/protocol/index.ts';
import type { RedisClient } from '../../server/store/redis-append-script.ts';
import { connectedClient, silentLog } from '../helpers/cluster.ts';
import { waitUntil } from '../helpers/processes.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

/*
 * Nodes calling each other over a private redis-server, each with its own connections, as
 * separate processes would.
 */

const echo = defineRpcMethod('test:echo', z.object({ text: z.string() }), z.object({ text: z.string(), from: z.string(), by: z.string() }));
const double = defineRpcMethod('test:double', z.object({ n: z.number().int(), delayMs: z.number().int() }), z.object({ n: z.number().int() }));
const refuse = defineRpcMethod('test:refuse', z.object({ kind: z.enum(['app', 'subclass', 'crash']) }), z.null());
const blob = defineRpcMethod('test:blob', z.object({ bytes: z.number().int() }), z.string());
const wait = defineRpcMethod('test:wait', z.object({}), z.null());
const loose = defineRpcMethod('test:loose', z.unknown(), z.unknown());
const strict = defineRpcMethod('test:loose', z.object({ id: z.string() }), z.object({ count: z.number() }));

let redis: RedisServer;
const clients: RedisClient[] = [];
let rpcs: RedisRpc[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const client of clients) if (client.isOpen) await client.close();
  await redis?.destroy();
});
afterEach(async () => {
  await Promise.all(rpcs.map((rpc) => rpc.close()));
  rpcs = [];
});

const released: Array<() => void> = [];

async function node(nodeId: string, options: { maxPayloadBytes?: number } = {}): Promise<RedisRpc> {
  const client = await connectedClient(redis.url);
  clients.push(client);
  const rpc = await RedisRpc.open({ nodeId, client, log: silentLog, ...options });
  rpcs.push(rpc);
  rpc.handle(echo, async ({ text }, { from }) => ({ text, from, by: nodeId }));
  rpc.handle(double, async ({ n, delayMs }) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { n: n * 2 };
  });
  rpc.handle(refuse, async ({ kind }) => {
    if (kind === 'app') throw new AppError('rate_limited', 'Slow down.', [{ path: 'text', message: 'too long' }], { reason: 'room_locked', retryAfterSeconds: 3 });
    if (kind === 'subclass') throw new NoServingNodeError();
    throw new Error('ECONNREFUSED 10.0.0.7:5432 password=hunter2');
  });
  rpc.handle(blob, async ({ bytes }) => 'x'.repeat(bytes));
  rpc.handle(wait, () => new Promise((resolve) => released.push(() => resolve(null))));
  return rpc;
}

describe('RPC between nodes over Redis', () => {
  it('answers a call with the handler’s result and tells the handler who called', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    expect(await b.call('node-a', echo, { text: '你好' })).toEqual({ text: '你好', from: 'node-b', by: 'node-a' });
    expect(await a.call('node-b', echo, { text: 'back' })).toEqual({ text: 'back', from: 'node-a', by: 'node-b' });
    // A node may call itself (the room's owner is the node the client is on).
    expect(await a.call('node-a', echo, { text: 'self' })).toEqual({ text: 'self', from: 'node-a', by: 'node-a' });
  });

  it('matches concurrent answers to their calls when they come back out of order', async () => {
    const nodes = await Promise.all(['n1', 'n2', 'n3'].map((id) => node(id)));
    const calls = Array.from({ length: 90 }, (_, i) => {
      const caller = nodes[i % 3]!;
      const target = `n${((i + 1) % 3) + 1}`;
      // Later calls answer sooner, so answers arrive in another order than the calls left.
      return caller.call(target, double, { n: i, delayMs: 90 - i }).then((answer) => [i, answer.n]);
    });
    for (const [i, n] of await Promise.all(calls)) expect(n).toBe(i! * 2);
  });

  it('knows at once that a node which is not there cannot answer, without waiting for the timeout', async () => {
    const a = await node('node-a');
    const error = await a.call('node-gone', echo, { text: 'anyone?' }, { timeoutMs: 60_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RpcUnreachableError);
    expect(error).toMatchObject({ nodeId: 'node-gone', method: 'test:echo' });
  });

  it('times out a call to a node that listens but does not answer (frozen), with a typed error', async () => {
    const a = await node('node-a');
    const frozen = await connectedClient(redis.url);
    clients.push(frozen);
    await frozen.subscribe(clusterKeys().rpcChannel('node-frozen'), () => undefined);
    const error = await a.call('node-frozen', echo, { text: 'anyone?' }, { timeoutMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RpcTimeoutError);
    expect(error).toMatchObject({ nodeId: 'node-frozen', method: 'test:echo', timeoutMs: 200 });
  });

  it('passes a remote AppError through with its code, message and details', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    const error = await b.call('node-a', refuse, { kind: 'app' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toBody()).toEqual({ code: 'rate_limited', message: 'Slow down.', fields: [{ path: 'text', message: 'too long' }], reason: 'room_locked', retryAfterSeconds: 3 });
    const sub = await b.call('node-a', refuse, { kind: 'subclass' }).catch((caught: unknown) => caught);
    expect((sub as AppError).toBody()).toEqual(new NoServingNodeError().toBody());
    void a;
  });

  it('reports any other remote failure as internal, without its text', async () => {
    await node('node-a');
    const b = await node('node-b');
    const error = await b.call('node-a', refuse, { kind: 'crash' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RpcRemoteFailureError);
    expect((error as AppError).toBody()).toEqual({ code: 'internal', message: 'The server could not complete this request.' });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toMatch(/hunter2|ECONNREFUSED/);
  });

  it('tells a method the node does not handle from one that takes too long', async () => {
    await node('node-a');
    const b = await node('node-b');
    const unknown = defineRpcMethod('test:unknown', z.object({}), z.null());
    const error = await b.call('node-a', unknown, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RpcNoHandlerError);
    expect(error).toMatchObject({ nodeId: 'node-a', method: 'test:unknown' });
  });

  it('refuses an oversized payload before sending it, and an oversized answer on the other side', async () => {
    let served = 0;
    const a = await node('node-a');
    a.handle(defineRpcMethod('test:count', z.unknown(), z.number()), async () => ++served);
    const count = defineRpcMethod('test:count', z.unknown(), z.number());
    const b = await node('node-b');

    const big = { text: 'x'.repeat(MAX_RPC_PAYLOAD_BYTES) };
    const error = await b.call('node-a', count, big).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RpcPayloadTooLargeError);
    expect(error).toMatchObject({ direction: 'request', limit: MAX_RPC_PAYLOAD_BYTES });
    // Messages from one connection arrive in order: had the big one been sent, it would be counted first.
    expect(await b.call('node-a', count, { small: true })).toBe(1);

    const answer = await b.call('node-a', blob, { bytes: MAX_RPC_PAYLOAD_BYTES + 1 }).catch((caught: unknown) => caught);
    expect(answer).toBeInstanceOf(RpcPayloadTooLargeError);
    expect(answer).toMatchObject({ direction: 'response' });
    expect(await b.call('node-a', blob, { bytes: MAX_RPC_PAYLOAD_BYTES - 2 })).toHaveLength(MAX_RPC_PAYLOAD_BYTES - 2);
  });

  it('refuses a payload or an answer that does not match the method’s schema', async () => {
    const a = await node('node-a');
    a.handle(loose, async (payload) => payload);
    const b = await node('node-b');
    // The caller's idea of the method differs from the handler's: a version skew between nodes.
    const bad = await b.call('node-a', echo, { text: 1 } as unknown as { text: string }).catch((caught: unknown) => caught);
    expect(bad).toBeInstanceOf(RpcContractError);
    expect(bad).toMatchObject({ direction: 'request' });
    const skewed = await b.call('node-a', strict, { id: 'x' }).catch((caught: unknown) => caught);
    expect(skewed).toBeInstanceOf(RpcContractError);
    expect(skewed).toMatchObject({ direction: 'response' });
  });

  it('ignores malformed messages on a node’s channel', async () => {
    await node('node-a');
    const b = await node('node-b');
    const publisher = await connectedClient(redis.url);
    clients.push(publisher);
    for (const junk of ['not json', '{}', JSON.stringify({ kind: 'request', id: 'x', from: 'bad id!', method: 'test:echo', payload: {} }), JSON.stringify({ kind: 'result', id: 'nobody', from: 'node-a', result: 1 })]) {
      await publisher.publish('mr:cluster:rpc:node-a', junk);
      await publisher.publish('mr:cluster:rpc:node-b', junk);
    }
    expect(await b.call('node-a', echo, { text: 'still here' })).toMatchObject({ text: 'still here' });
  });

  it('on close, rejects the calls still waiting, refuses new ones, and stops hearing requests', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    const waiting = b.call('node-a', wait, {}).catch((caught: unknown) => caught);
    // The handler is running on node-a once it is in `released`.
    await waitUntil(() => released.length > 0, { timeoutMs: 15_000, intervalMs: 10, what: 'the handler to start' });
    await b.close();
    expect(await waiting).toBeInstanceOf(RpcClosedError);
    await expect(b.call('node-a', echo, { text: 'late' })).rejects.toBeInstanceOf(RpcClosedError);
    released.shift()!();

    await a.close();
    await a.close();
    const c = await node('node-c');
    await expect(c.call('node-a', echo, { text: 'gone' }, { timeoutMs: 200 })).rejects.toBeInstanceOf(RpcUnreachableError);
  });
});
