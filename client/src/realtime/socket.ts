import { io, type Socket } from 'socket.io-client';
import type { Ack, ErrorBody, HandshakeAuth, PushName, PushOf, RequestName, RequestOf, ResponseOf } from '@protocol';

export class RequestError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
    this.name = 'RequestError';
  }
}

/** A Socket.IO connection that speaks only the typed protocol. */
export class SignalingClient {
  readonly socket: Socket;

  constructor(auth: HandshakeAuth, url?: string) {
    this.socket = io(url ?? '/', { auth, transports: ['websocket'], reconnection: true });
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
