import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { connectError, connectRaw, send } from '../helpers/signaling-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { waitUntil } from '../helpers/processes.ts';

let app: RunningApp;
const sockets: Socket[] = [];

async function client(name = 'tester'): Promise<Socket> {
  const socket = await connectRaw(app.url, { kind: 'dev', displayName: name });
  sockets.push(socket);
  return socket;
}

/** What the server holds, to show a refused request changed nothing. */
function serverState() {
  const room = app.rooms.find('r1');
  return {
    rooms: app.rooms.openRoomCount,
    peers: room?.peerList().map((peer) => ({ id: peer.id, transports: peer.transports.size, producers: peer.producers.size, consumers: peer.consumers.size })),
  };
}

beforeAll(async () => {
  app = await startTestServer();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  // Each test starts from an empty server, so its before/after comparisons see only its own effects.
  await waitUntil(() => app.rooms.openRoomCount === 0 || undefined, { what: 'rooms of the previous test to close' });
});
afterAll(async () => {
  await app?.close();
});

describe('handshake', () => {
  it('refuses a socket with no credentials before serving any event', async () => {
    const error = await connectError(app.url, {});
    expect(error.data).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a malformed display name', async () => {
    const error = await connectError(app.url, { kind: 'dev', displayName: '' });
    expect(error.data).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses development sockets when development rooms are off', async () => {
    const closed = await startTestServer({ APP_MODE: 'production' });
    try {
      const error = await connectError(closed.url, { kind: 'dev', displayName: 'x' });
      expect(error.data).toMatchObject({ code: 'forbidden' });
    } finally {
      await closed.close();
    }
  });
});

describe('bad payloads get a typed error and change nothing', () => {
  it('answers wrong types with invalid_input and field paths', async () => {
    const socket = await client();
    const before = serverState();
    const reply = await send(socket, 'room:join', { roomId: 42, displayName: ['x'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (reply.ok) throw new Error('unreachable');
    expect(reply.error.fields?.map((field) => field.path).sort()).toEqual(['displayName', 'roomId']);
    expect(serverState()).toEqual(before);
  });

  it('answers a room id with forbidden characters with invalid_input', async () => {
    const socket = await client();
    const reply = await send(socket, 'room:join', { roomId: '../etc', displayName: 'a' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'roomId' }] } });
    expect(app.rooms.openRoomCount).toBe(0);
  });

  it('answers an oversized request with payload_too_large', async () => {
    const socket = await client();
    const reply = await send(socket, 'room:join', { roomId: 'r1', displayName: 'a', padding: 'x'.repeat(100_000) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(app.rooms.openRoomCount).toBe(0);
    expect(socket.connected).toBe(true);
  });

  it('answers an unknown event with not_found', async () => {
    const socket = await client();
    const reply = await send(socket, 'room:explode', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers media requests outside a room with not_found', async () => {
    const socket = await client();
    for (const [event, payload] of [
      ['transport:create', { direction: 'send' }],
      ['media:consume', { producerId: 'nope' }],
      ['room:leave', {}],
    ] as const) {
      expect(await send(socket, event, payload)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(app.rooms.openRoomCount).toBe(0);
  });

  it('answers references to unknown transports and producers in a joined room with not_found', async () => {
    const socket = await client();
    expect(await send(socket, 'room:join', { roomId: 'r1', displayName: 'a' })).toMatchObject({ ok: true });
    const before = serverState();
    const fingerprints = [{ algorithm: 'sha-256', value: 'AB:CD' }];
    expect(await send(socket, 'transport:connect', { transportId: 'unknown', dtlsParameters: { role: 'client', fingerprints } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await send(socket, 'producer:pause', { producerId: 'unknown' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send(socket, 'media:setCapabilities', { rtpCapabilities: { codecs: 'opus' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(serverState()).toEqual(before);
  });

  it('refuses RTP parameters mediasoup rejects, without creating a producer', async () => {
    const socket = await client();
    await send(socket, 'room:join', { roomId: 'r1', displayName: 'a' });
    const created = await send(socket, 'transport:create', { direction: 'send' });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const before = serverState();
    const reply = await send(socket, 'media:produce', {
      transportId: created.data.transportId,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/NOPE', payloadType: 100, clockRate: 90000 }], encodings: [{ ssrc: 1111 }] },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(serverState()).toEqual(before);
  });

  it('refuses a second join from the same socket with conflict', async () => {
    const socket = await client();
    expect(await send(socket, 'room:join', { roomId: 'r1', displayName: 'a' })).toMatchObject({ ok: true });
    const before = serverState();
    expect(await send(socket, 'room:join', { roomId: 'r2', displayName: 'a' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(serverState()).toEqual(before);
  });
});

describe('room lifecycle', () => {
  it('tells peers who joins and leaves, and closes the room when the last one leaves', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const aliceJoin = await send(alice, 'room:join', { roomId: 'r1', displayName: 'alice' });
    expect(aliceJoin).toMatchObject({ ok: true, data: { peers: [] } });
    const joinedPush = new Promise((resolve) => alice.once('peer:joined', resolve));
    const bobJoin = await send(bob, 'room:join', { roomId: 'r1', displayName: 'bob' });
    expect(bobJoin).toMatchObject({ ok: true, data: { peers: [{ displayName: 'alice' }] } });
    expect(await joinedPush).toMatchObject({ displayName: 'bob' });

    const leftPush = new Promise((resolve) => alice.once('peer:left', resolve));
    bob.close();
    expect(await leftPush).toMatchObject({ peerId: expect.any(String) });
    expect(await send(alice, 'room:leave', {})).toMatchObject({ ok: true });
    await waitUntil(() => app.rooms.openRoomCount === 0 || undefined, { what: 'the room to close' });
  });

  it('serializes two first joins of one room onto one router', async () => {
    const [a, b] = await Promise.all([client('a'), client('b')]);
    const [ra, rb] = await Promise.all([send(a, 'room:join', { roomId: 'r1', displayName: 'a' }), send(b, 'room:join', { roomId: 'r1', displayName: 'b' })]);
    expect(ra.ok && rb.ok).toBe(true);
    expect(app.rooms.openRoomCount).toBe(1);
    expect(app.rooms.find('r1')?.peerList()).toHaveLength(2);
  });
});
