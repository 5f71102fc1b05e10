import type { Socket } from 'socket.io';
import type { MediaPeer } from '../media/media-peer.ts';
import type { MediaRoom } from '../media/media-room.ts';
import type { HandshakeAuth } from '../protocol/index.ts';

/** What the server knows about one connected socket; identity comes from the verified handshake only. */
export class SocketSession {
  room: MediaRoom | undefined;
  peer: MediaPeer | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    readonly identity: HandshakeAuth,
  ) {}

  /**
   * Requests of one socket run one after another: a client that fires `room:join` twice, or
   * `media:produce` before its `transport:connect` finished, sees them applied in order.
   */
  serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
