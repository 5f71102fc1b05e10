import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError, MAX_REQUEST_BYTES } from '../../server/protocol/index.ts';
import { defineHandler } from '../../server/realtime/define-handler.ts';
import type { SocketSession } from '../../server/realtime/socket-session.ts';

const log = pino({ level: 'silent' });
const session = {} as SocketSession;

describe('defineHandler', () => {
  const calls: unknown[] = [];
  const handler = defineHandler(
    'room:join',
    () => undefined,
    async (_session, request) => {
      calls.push(request);
      return { self: { peerId: 'p', displayName: request.displayName }, peers: [], routerRtpCapabilities: {} };
    },
  );

  it('passes a valid, parsed request to the handler and wraps the answer', async () => {
    const reply = await handler.run(session, { roomId: 'room-1', displayName: '  张三 ' }, log);
    expect(reply).toEqual({ ok: true, data: { self: { peerId: 'p', displayName: '张三' }, peers: [], routerRtpCapabilities: {} } });
  });

  it('does not call the handler for invalid input, and names each bad field', async () => {
    calls.length = 0;
    const reply = await handler.run(session, { roomId: 'a b', displayName: 7 }, log);
    expect(calls).toEqual([]);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (reply.ok) throw new Error('unreachable');
    expect(reply.error.fields?.map((field) => field.path).sort()).toEqual(['displayName', 'roomId']);
  });

  it('refuses oversized requests before parsing them', async () => {
    calls.length = 0;
    const reply = await handler.run(session, { roomId: 'r', displayName: 'x', blob: 'y'.repeat(MAX_REQUEST_BYTES) }, log);
    expect(calls).toEqual([]);
    expect(reply).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });

  it('does not call the handler when authorization refuses', async () => {
    calls.length = 0;
    const guarded = defineHandler(
      'room:leave',
      () => {
        throw new AppError('forbidden', 'no');
      },
      async () => {
        calls.push('ran');
        return {};
      },
    );
    expect(await guarded.run(session, {}, log)).toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
    expect(calls).toEqual([]);
  });

  it('hides unexpected exception text behind an internal error', async () => {
    const failing = defineHandler('room:leave', () => undefined, async () => {
      throw new Error('secret stack detail');
    });
    const reply = await failing.run(session, {}, log);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });
});
