import type { Server as HttpServer } from 'node:http';
import { Server as SocketIoServer } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { MediaPush } from '../media/media-room.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, HandshakeAuthSchema, MAX_REQUEST_BYTES, type Ack, type HandshakeAuth, type RevocationReason } from '../protocol/index.ts';
import type { PrincipalSockets } from './principal-sockets.ts';
import type { SessionRevoker } from './session-revoker.ts';
import type { RealtimeLimits } from '../config.ts';
import { originAllowed } from './origin-check.ts';
import { principalRoomOf } from './principal-sockets.ts';
import { TokenBucket } from './token-bucket.ts';
import type { SocketAdapter } from './redis-adapter.ts';
import { toErrorBody, type Handler } from './define-handler.ts';
import { SocketSession, setSessionOf } from './socket-session.ts';

export interface RealtimeOptions {
  principals?: PrincipalSockets;
  /** Ends revoked principals' sockets (on every instance when the adapter is Redis). */
  revoker?: SessionRevoker;
  /** Socket.IO's adapter: Redis when several instances share the users' notices; in memory otherwise. */
  adapter?: SocketAdapter['adapter'] | undefined;
  handlers: Handler[];
  directory: PeerDirectory;
  /** Requests per socket, sockets per principal, allowed browser origins. */
  limits: Omit<RealtimeLimits, 'chat'>;
  devRooms: boolean;
  log: Logger;
  /** Verifies a staff access token or a resident session token. */
  authenticate(auth: Exclude<HandshakeAuth, { kind: 'dev' }>): Promise<Principal>;
  /** Called once per socket when it goes away, after its queued requests. */
  disconnected(session: SocketSession): Promise<void>;
  /** Where requests run: here by default; in a cluster, on the node that runs the socket's room. */
  router?: RequestRouter;
}

/** Runs a socket's requests and its going away; see `localRouter` and the cluster's room router. */
export interface RequestRouter {
  route(session: SocketSession, handler: Handler, payload: unknown, log: Logger): Promise<Ack<unknown>>;
  disconnected(session: SocketSession): Promise<void>;
}

/** Every request runs in this process, in the socket's turn. */
export function localRouter(directory: PeerDirectory, disconnected: (session: SocketSession) => Promise<void>): RequestRouter {
  return {
    route: (session, handler, payload, log) => runInTurn(session, handler, payload, log, directory),
    disconnected: (session) =>
      session.serialize(async () => {
        if (session.peer) directory.unregister(session.peer.id, session);
        await disconnected(session);
      }),
  };
}

/** What the handshake verified, until the connection's session takes it (kept out of `socket.data`: see `sessionOf`). */
const handshakes = new WeakMap<object, { identity: HandshakeAuth; principal: Principal | undefined }>();

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
  const { log, handlers, directory, limits } = options;
  const io = new SocketIoServer(httpServer, {
    maxHttpBufferSize: MAX_REQUEST_BYTES * 4,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // Before anything else of the handshake: a page of a foreign site gets a plain 403.
    allowRequest: (request, callback) => callback(null, originAllowed(request, limits.allowedOrigins)),
  });
  if (options.adapter) io.adapter(options.adapter);
  options.principals?.attach(io);
  options.revoker?.attach(io, !!options.adapter);
  const byEvent = new Map(handlers.map((handler) => [handler.event as string, handler]));
  const router = options.router ?? localRouter(directory, options.disconnected);

  io.use((socket, next) => {
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(handshakeError(new AppError('unauthenticated', 'Missing or invalid credentials.')));
    const auth = parsed.data;
    if (auth.kind === 'dev') {
      if (!options.devRooms) return next(handshakeError(new AppError('forbidden', 'Development rooms are disabled on this server.')));
      handshakes.set(socket, { identity: auth, principal: undefined });
      return next();
    }
    options
      .authenticate(auth)
      .then(async (principal) => {
        await assertRoomForAnotherSocket(io, principal, limits.socketsPerPrincipal);
        handshakes.set(socket, { identity: auth, principal });
        next();
      })
      .catch((error: unknown) => next(handshakeError(error instanceof AppError ? error : new AppError('unauthenticated', 'Invalid credentials.'))));
  });

  io.on('connection', (socket) => {
    const handshake = handshakes.get(socket)!;
    handshakes.delete(socket);
    const session = new SocketSession(socket, handshake.identity, handshake.principal);
    const socketLog = log.child({ socketId: socket.id });
    setSessionOf(socket, session);
    const requestBucket = new TokenBucket(limits.requests, Date.now());
    options.principals?.join(socket, session.principal);

    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.length > 0 && typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
      if (!ack) return; // every request expects an answer; one without an ack is ignored
      // Counted before anything else, unknown requests too: each one costs an answer.
      const allowed = requestBucket.take(Date.now());
      if (!allowed.ok) {
        ack({ ok: false, error: new AppError('rate_limited', 'Too many requests on this connection; slow down.', undefined, { retryAfterSeconds: allowed.retryAfterSeconds }).toBody() });
        return;
      }
      const handler = byEvent.get(event);
      if (!handler) {
        ack({ ok: false, error: new AppError('not_found', `Unknown request "${String(event).slice(0, 64)}".`).toBody() });
        return;
      }
      router.route(session, handler, args[0], socketLog).then(ack, (error: unknown) => ack({ ok: false, error: toErrorBody(error, socketLog, event) }));
    });

    socket.on('disconnect', () => {
      void router.disconnected(session).catch((error: unknown) => socketLog.error({ err: error }, 'disconnect handling failed'));
    });
  });

  return io;
}

/**
 * Runs one request in the socket's turn (after its earlier ones). The session is checked when its
 * turn comes, not when it arrived: a request queued behind a slow one while the principal was
 * revoked is refused without running.
 */
export function runInTurn(session: SocketSession, handler: Handler, payload: unknown, log: Logger, directory: PeerDirectory): Promise<Ack<unknown>> {
  return session.serialize(() => runNow(session, handler, payload, log, directory));
}

/** `runInTurn` for a caller already in the socket's turn. */
export async function runNow(session: SocketSession, handler: Handler, payload: unknown, log: Logger, directory: PeerDirectory): Promise<Ack<unknown>> {
  if (session.revoked) return { ok: false, error: revokedError(session.revoked).toBody() };
  const peerBefore = session.peer;
  const reply = await handler.run(session, payload, log);
  if (session.peer !== peerBefore) {
    if (peerBefore) directory.unregister(peerBefore.id, session);
    if (session.peer) directory.register(session.peer.id, session);
  }
  return reply;
}

/**
 * Counts the principal's open sockets on every instance (through the adapter) before admitting
 * one more. Two handshakes at the same moment may both pass: the limit bounds abuse, it is not
 * an exact quota.
 */
async function assertRoomForAnotherSocket(io: SocketIoServer, principal: Principal, max: number): Promise<void> {
  const room = principalRoomOf(principal);
  if (!room) return;
  // Another instance not answering in time must not lock everyone out: count this instance's then.
  const open = await io
    .in(room)
    .fetchSockets()
    .then((sockets) => sockets.length)
    .catch(() => io.of('/').adapter.rooms.get(room)?.size ?? 0);
  if (open >= max) {
    throw new AppError('rate_limited', `At most ${max} connections per user; close another tab or device first.`, undefined, { retryAfterSeconds: 10 });
  }
}

export function revokedError(reason: RevocationReason): AppError {
  return new AppError('unauthenticated', 'This connection was ended: your access was withdrawn.', undefined, { reason });
}

function handshakeError(error: AppError): Error & { data: unknown } {
  return Object.assign(new Error(error.message), { data: error.toBody() });
}
