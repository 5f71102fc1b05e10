import { io, type Socket } from 'socket.io-client';
import type { Ack, HandshakeAuth, PushName, PushOf, RequestName, RequestOf, ResponseOf } from '@protocol';
import { readErrorBody, type ErrorBody } from '@protocol/error-body.ts';

export class RequestError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'RequestError';
  }
}

/** The error body the server attached to a refused handshake, if it is one. */
export function handshakeErrorOf(error: unknown): ErrorBody | undefined {
  return readErrorBody((error as { data?: unknown } | undefined)?.data);
}

/** A Socket.IO connection that speaks only the typed protocol. */
export class SignalingClient {
  readonly socket: Socket;

  /**
   * `auth` may be a function: it is asked again at every (re)connection, so a renewed access token
   * is used without building a new client.
   */
  constructor(auth: HandshakeAuth | (() => HandshakeAuth), url?: string) {
    this.socket = io(url ?? '/', {
      auth: typeof auth === 'function' ? (callback) => callback(auth()) : auth,
      transports: ['websocket'],
      reconnection: true,
      // Back quickly after a short outage: a resident on a phone waits at most 2 s for the next try.
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
  }

  async request<E extends RequestName>(event: E, payload: RequestOf<E>, timeoutMs = 10_000): Promise<ResponseOf<E>> {
    const reply = (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<ResponseOf<E>>;
    if (!reply.ok) throw new RequestError(reply.error);
    return reply.data;
  }

  on<E extends PushName>(event: E, listener: (payload: PushOf<E>) => void): () => void {
    const wrapped = (payload: PushOf<E>) => listener(payload);
    this.socket.on(event as string, wrapped);
    return () => {
      this.socket.off(event as string, wrapped);
    };
  }

  close(): void {
    this.socket.close();
  }
}
