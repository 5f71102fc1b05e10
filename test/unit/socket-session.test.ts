import { describe, expect, it } from 'vitest';
import { SocketSession } from '../../server/realtime/socket-session.ts';

describe('SocketSession.serialize', () => {
  it('runs one socket’s requests in arrival order, even when an earlier one fails', async () => {
    const session = new SocketSession({} as never, { kind: 'dev', displayName: 'x' }, undefined);
    const order: string[] = [];
    const slow = session.serialize(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push('slow');
      throw new Error('boom');
    });
    const fast = session.serialize(async () => {
      order.push('fast');
      return 'done';
    });
    await expect(slow).rejects.toThrow('boom');
    await expect(fast).resolves.toBe('done');
    expect(order).toEqual(['slow', 'fast']);
  });
});
