import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { waitUntil } from '../helpers/processes.ts';
import { expectAck, roomCast, staffSocket, withSocketWorld } from '../helpers/room-fixture.ts';
import { connectError, send } from '../helpers/signaling-client.ts';
import type { World } from '../helpers/world.ts';

/*
 * The limits of the realtime layer through a real server, set low here so a handful of requests
 * reach them: requests per socket, chat lines per member, sockets per principal; the Origin
 * allowlist of the handshake; and requests that take nothing refusing what they do not take.
 */

const PARTNER_ORIGIN = 'https://partner.example.org';
const PUBLIC_ORIGIN = 'https://tiaojie.example.gov.cn';

let app: RunningApp;
let world: World;
const track = withSocketWorld((started, created) => {
  app = started;
  world = created;
}, {
  SOCKET_REQUEST_BURST: '6',
  SOCKET_REQUESTS_PER_SECOND: '0.1',
  CHAT_BURST: '2',
  CHAT_LINES_PER_MINUTE: '1',
  SOCKETS_PER_PRINCIPAL: '2',
  PUBLIC_URL: `${PUBLIC_ORIGIN}/`,
  ALLOWED_ORIGINS: `${PARTNER_ORIGIN}, https://other.example.org`,
});

describe('requests per socket', () => {
  it('a burst above the limit is refused with rate_limited and when to try again; another socket is unaffected', async () => {
    const flooding = track(await staffSocket(app, world.otherMediator));
    const replies = await Promise.all(Array.from({ length: 10 }, () => send(flooding, 'room:leave', {})));
    const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'rate_limited');
    expect(limited).toHaveLength(4);
    for (const reply of limited) expect(reply).toMatchObject({ ok: false, error: { retryAfterSeconds: expect.any(Number) } });
    expect((limited[0] as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    // Unknown requests count too: each one costs an answer.
    expect(await send(flooding, 'no:such', {})).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

    const calm = track(await staffSocket(app, world.otherMediator));
    expect(await send(calm, 'room:leave', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('chat lines per member', () => {
  it('refuses lines above the limit, and a new connection of the same member does not reset it', async () => {
    const cast = await roomCast(world);
    const first = track(await staffSocket(app, world.mediator));
    await expectAck(send(first, 'room:enter', { caseId: cast.caseId }));
    await expectAck(send(first, 'chat:send', { text: '第一句' }));
    await expectAck(send(first, 'chat:send', { text: '第二句' }));
    expect(await send(first, 'chat:send', { text: '第三句' })).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) } });
    first.close();

    const again = track(await staffSocket(app, world.mediator));
    await expectAck(send(again, 'room:enter', { caseId: cast.caseId }));
    expect(await send(again, 'chat:send', { text: '换个连接再说' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(app.roomService.liveRoom(cast.caseId)!.chat.map((line) => line.message.text)).toEqual(['第一句', '第二句']);
  });
});

describe('sockets per principal', () => {
  it('refuses a connection above the limit with rate_limited; one closing makes room', async () => {
    const one = track(await staffSocket(app, world.judge));
    track(await staffSocket(app, world.judge));
    expect((await connectError(app.url, { kind: 'staff', accessToken: world.judge.token })).data).toMatchObject({ code: 'rate_limited' });
    // Another principal is counted apart.
    track(await staffSocket(app, world.gridWorker));
    one.close();
    await waitUntil(async () => (await connectOutcome({ kind: 'staff', accessToken: world.judge.token })) === 'connected' || undefined, { what: 'a place to free up' });
  });
});

/** Connects with the given Origin header (or none), as a browser on that origin would. */
function connectOutcome(auth: unknown, origin?: string): Promise<'connected' | string> {
  const socket = io(app.url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      track(socket);
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

describe('the Origin allowlist of the handshake', () => {
  // The development room's handshake: no principal, so no per-principal limit in the way.
  const auth = () => ({ kind: 'dev', displayName: '来源测试' });

  it('admits the public origin, the listed ones, the server’s own, and clients that send no Origin', async () => {
    expect(await connectOutcome(auth(), PUBLIC_ORIGIN)).toBe('connected');
    expect(await connectOutcome(auth(), PARTNER_ORIGIN)).toBe('connected');
    expect(await connectOutcome(auth(), app.url)).toBe('connected');
    expect(await connectOutcome(auth())).toBe('connected');
  });

  it('refuses a foreign origin before any credential is looked at', async () => {
    expect(await connectOutcome(auth(), 'https://evil.example.com')).not.toBe('connected');
    expect(await connectOutcome(auth(), `${PUBLIC_ORIGIN}.evil.example.com`)).not.toBe('connected');
    expect(await connectOutcome(auth(), 'null')).not.toBe('connected');
    const polling = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example.com' } });
    expect(polling.status).toBe(403);
  });
});

describe('requests that take no parameters', () => {
  it('answer invalid_input to a payload they do not take, through the real server', async () => {
    const socket = track(await staffSocket(app, world.admin));
    expect(await send(socket, 'room:leave', { foo: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await send(socket, 'room:enter', { foo: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
