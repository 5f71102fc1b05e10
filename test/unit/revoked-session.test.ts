import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { defineHandler } from '../../server/realtime/define-handler.ts';
import { PeerDirectory, runInTurn } from '../../server/realtime/socket-server.ts';
import { SocketSession } from '../../server/realtime/socket-session.ts';

const log = pino({ level: 'silent' });

describe('a request of a revoked session', () => {
  it('is refused when its turn comes, even though it arrived before the revocation', async () => {
    const session = new SocketSession({} as never, { kind: 'dev', displayName: 'x' }, undefined);
    const directory = new PeerDirectory();
    let release!: () => void;
    const slow = defineHandler('room:leave', () => undefined, () => new Promise((resolve) => (release = () => resolve({}))));
    const ran: string[] = [];
    const chat = defineHandler('chat:send', () => undefined, async () => {
      ran.push('chat');
      return {};
    });

    const first = runInTurn(session, slow, {}, log, directory);
    const queued = runInTurn(session, chat, { text: '还在吗' }, log, directory);
    await new Promise((resolve) => setImmediate(resolve));
    session.revoked = 'logged_out';
    release();

    expect(await first).toEqual({ ok: true, data: {} });
    expect(await queued).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: 'logged_out' } });
    expect(ran).toEqual([]);
  });
});
