import type { Server as HttpServer } from 'node:http';
import { Server as SocketIoServer } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { MediaPush } from '../media/media-room.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, HandshakeAuthSchema, MAX_REQUEST_BYTES, type HandshakeAuth, type PushName, type PushOf } from '../protocol/index.ts';
import { toErrorBody, type Handler } from './define-handler.ts';
import { SocketSession } from './socket-session.ts';

/** The open sockets of each signed-in user, for notices that are not about a room. */
export class PrincipalSockets {
  private readonly sockets = new Map<string, Set<SocketSession>>();

  add(key: string, session: SocketSession): void {
    let set = this.sockets.get(key);
    if (!set) this.sockets.set(key, (set = new Set()));
    set.add(session);
  }

  remove(key: string, session: SocketSession): void {
    this.sockets.get(key)?.delete(session);
    if (this.sockets.get(key)?.size === 0) this.sockets.delete(key);
  }

  push<E extends PushName>(key: string, event: E, payload: PushOf<E>): void {
    for (const session of this.sockets.get(key) ?? []) session.connection.push(event, payload);
  }
}

export function principalKey(principal: Principal | undefined): string | undefined {
  if (principal?.kind === 'staff') return `a:${principal.account.accountId}`;
  if (principal?.kind === 'resident') return `p:${principal.caseId}:${principal.participantId}`;
  return undefined;
}

export interface RealtimeOptions {
  principals?: PrincipalSockets;
  handlers: Handler[];
  directory: PeerDirectory;
  devRooms: boolean;
  log: Logger;
  /** Verifies a staff access token or a resident session token. */
  authenticate(auth: Exclude<HandshakeAuth, { kind: 'dev' }>): Promise<Principal>;
  /** Called once per socket when it goes away, after its queued requests. */
  disconnected(session: SocketSession): Promise<void>;
}

/** Delivers server pushes to the socket of a media peer. */
export class PeerDirectory {
  private readonly sessions = new Map<string, SocketSession>();

  register(peerId: string, session: SocketSession): void {
    this.sessions.set(peerId, session);
  }

  /** Forgets the peer only if it still belongs to this socket (a resumed peer may have moved to a new one). */
  unregister(peerId: string, session: SocketSession): void {
    if (this.sessions.get(peerId) === session) this.sessions.delete(peerId);
  }

  notify = (peerId: string, push: MediaPush): void => {
    this.sessions.get(peerId)?.socket.emit(push.event, push.payload);
  };
}

/**
 * Socket.IO, kept thin: the handshake is verified before any event is served, and every request
 * goes through its `defineHandler` definition. Transport-level limit is a little above the
 * request limit so an oversized request still gets a typed answer instead of a dropped socket.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions) {
  const { log, handlers, directory } = options;
  const io = new SocketIoServer(httpServer, {
    maxHttpBufferSize: MAX_REQUEST_BYTES * 4,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const byEvent = new Map(handlers.map((handler) => [handler.event as string, handler]));

  io.use((socket, next) => {
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(handshakeError(new AppError('unauthenticated', 'Missing or invalid credentials.')));
    const auth = parsed.data;
    if (auth.kind === 'dev') {
      if (!options.devRooms) return next(handshakeError(new AppError('forbidden', 'Development rooms are disabled on this server.')));
      socket.data.identity = auth;
      return next();
    }
    options.authenticate(auth).then(
      (principal) => {
        socket.data.identity = auth;
        socket.data.principal = principal;
        next();
      },
      (error: unknown) => next(handshakeError(error instanceof AppError ? error : new AppError('unauthenticated', 'Invalid credentials.'))),
    );
  });

  io.on('connection', (socket) => {
    const session = new SocketSession(socket, socket.data.identity as HandshakeAuth, socket.data.principal as Principal | undefined);
    const socketLog = log.child({ socketId: socket.id });
    const key = principalKey(session.principal);
    if (key) options.principals?.add(key, session);

    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.length > 0 && typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
      const handler = byEvent.get(event);
      if (!handler) {
        ack?.({ ok: false, error: new AppError('not_found', `Unknown request "${String(event).slice(0, 64)}".`).toBody() });
        return;
      }
      if (!ack) return; // every request expects an answer; one without an ack is ignored
      void session
        .serialize(async () => {
          const peerBefore = session.peer;
          const reply = await handler.run(session, args[0], socketLog);
          if (session.peer !== peerBefore) {
            if (peerBefore) directory.unregister(peerBefore.id, session);
            if (session.peer) directory.register(session.peer.id, session);
          }
          return reply;
        })
        .then(ack, (error: unknown) => ack({ ok: false, error: toErrorBody(error, socketLog, event) }));
    });

    socket.on('disconnect', () => {
      if (key) options.principals?.remove(key, session);
      void session
        .serialize(async () => {
          if (session.peer) directory.unregister(session.peer.id, session);
          await options.disconnected(session);
        })
        .catch((error: unknown) => socketLog.error({ err: error }, 'disconnect handling failed'));
    });
  });

  return io;
}

function handshakeError(error: AppError): Error & { data: unknown } {
  return Object.assign(new Error(error.message), { data: error.toBody() });
}
