import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AppConfig } from './config.ts';
import { createHttpApp } from './http/app.ts';
import { createAppServer, createRedirectServer, listen } from './http/listen.ts';
import type { Logger } from './logger.ts';
import { MediaRooms } from './media/media-rooms.ts';
import { repoRoot } from './media/worker-binary.mjs';
import { WorkerPool } from './media/worker-pool.ts';
import { devRoomHandlers, leaveDevRoom, mediaHandlers } from './realtime/room-handlers.ts';
import { mediationHandlers } from './realtime/mediation-handlers.ts';
import { RoomService } from './services/room-service.ts';
import { RoomSnapshots } from './services/room-snapshots.ts';
import { attachRealtime, PeerDirectory } from './realtime/socket-server.ts';
import type { SocketSession } from './realtime/socket-session.ts';
import { startClusterNode, type ClusterNode } from './cluster/cluster-node.ts';
import type { HandshakeAuth } from './protocol/index.ts';
import { PrincipalSockets } from './realtime/principal-sockets.ts';
import { SessionRevoker } from './realtime/session-revoker.ts';
import { KeyedLimiter } from './realtime/token-bucket.ts';
import { redisSocketAdapter, type SocketAdapter } from './realtime/redis-adapter.ts';
import { recipientKey } from './domain/notices.ts';
import { changesPartyPage } from './domain/party-page-changes.ts';
import { apiRouter } from './http/api.ts';
import { composeServices, type Services } from './services/compose.ts';
import { seedDemo } from './services/demo-seed.ts';
import { systemClock, type Clock } from './services/clock.ts';

export interface RunningApp {
  url: string;
  port: number;
  rooms: MediaRooms;
  pool: WorkerPool;
  services: Services;
  roomService: RoomService;
  /** With several instances: takes no new rooms and waits (at most `maxMs`) until this node runs none. At once otherwise. */
  drain(maxMs: number): Promise<void>;
  /** Stops accepting, disconnects sockets, closes every room and worker. Idempotent. */
  close(): Promise<void>;
}

/** The composition root: builds every part, wires them, and owns their shutdown order. */
export async function startApp(config: AppConfig, log: Logger, clock: Clock = systemClock): Promise<RunningApp> {
  let publicUrl = config.publicUrl ?? '';
  const services = await composeServices(config, () => publicUrl, clock);
  let pool: WorkerPool;
  try {
    if (config.mode === 'demo') await seedDemo(services, log.child({ module: 'demo' }));
    pool = await WorkerPool.start(config.media, log.child({ module: 'media' }));
  } catch (error) {
    await services.store.close();
    throw error;
  }
  const directory = new PeerDirectory();
  const rooms = new MediaRooms(pool, config.media, directory.notify, log.child({ module: 'media' }));

  const httpApp = createHttpApp({
    api: apiRouter(services),
    authenticators: { staff: (token) => services.accounts.authenticate(token), resident: (token) => services.invitations.authenticate(token) },
    clientDistDir: config.clientDistDir ?? path.join(repoRoot, 'client', 'dist'),
    log: log.child({ module: 'http' }),
    trustProxy: config.trustProxy,
    health: async () => ({ mode: config.mode, devRooms: config.devRooms, store: services.store.kind, workers: pool.size, rooms: rooms.openRoomCount, ...(config.cluster ? { node: config.cluster.nodeId } : {}) }),
  });
  let httpServer: http.Server;
  try {
    httpServer = createAppServer(httpApp, config.tls);
  } catch (error) {
    await pool.close();
    await services.store.close();
    throw error;
  }
  const roomLog = log.child({ module: 'rooms' });
  const roomService = new RoomService(services.cases, services.vault, rooms, services.clock, config.rooms, roomLog, new RoomSnapshots(services.store.kv, roomLog));
  services.onAgreementChanged((caseId, state) => roomService.agreementChanged(caseId, state));
  let socketAdapter: SocketAdapter | undefined;
  if (config.socketAdapter === 'redis' && config.redisUrl) {
    try {
      socketAdapter = await redisSocketAdapter(config.redisUrl, log.child({ module: 'realtime' }));
    } catch (error) {
      await pool.close();
      await services.store.close();
      throw error;
    }
  }
  const principals = new PrincipalSockets();
  services.notifier.onLive((recipient, notice) => principals.push(recipientKey(recipient), 'notice:posted', notice));
  // Parties' open pages fetch their case again when a session is set or called off (a cancellation brings no notice).
  services.cases.onCommitted((state, events) => {
    if (!changesPartyPage(events)) return;
    for (const { participantId } of state.participants) principals.push(recipientKey({ kind: 'resident', caseId: state.caseId, participantId }), 'case:changed', { caseId: state.caseId });
  });
  const revoker = new SessionRevoker(log.child({ module: 'realtime' }));
  services.revocations.on((revocation) => {
    // A case's revocation waits for the room's operation in progress: a member removed from the room is told so (`room:removed`) before their connections end.
    const caseId = 'caseId' in revocation.principal ? revocation.principal.caseId : undefined;
    if (!caseId) return revoker.revoke(revocation);
    void roomService.afterCurrentWork(caseId).then(() => revoker.revoke(revocation));
  });
  const handlers = [...(config.devRooms ? devRoomHandlers(rooms) : []), ...mediaHandlers(), ...mediationHandlers(roomService, new KeyedLimiter(config.realtime.chat))];
  const authenticate = (auth: Exclude<HandshakeAuth, { kind: 'dev' }>) =>
    auth.kind === 'staff' ? services.accounts.authenticate(auth.accessToken) : services.invitations.authenticate(auth.residentToken);
  const disconnected = async (session: SocketSession) => {
    // A revoked member gives up their place at once (media peer closed); a dropped one keeps it for the grace period.
    if (session.member && session.revoked) await roomService.leave(session.member, session.connection);
    else if (session.member) await roomService.disconnected(session.member, session.connection);
    else leaveDevRoom(session);
  };
  // Several instances on one Redis (#17): each room runs on one node; this one forwards its sockets' requests there.
  let clusterNode: ClusterNode | undefined;
  if (config.cluster && config.redisUrl) {
    try {
      clusterNode = await startClusterNode({
        config: config.cluster,
        redisUrl: config.redisUrl,
        address: `${config.host}:${config.port}`,
        handlers,
        directory,
        authenticate,
        disconnected,
        roomsHeld: () => roomService.liveCaseIds().map((caseId) => `case.${caseId}`),
        holdsRoom: (roomId) => roomId.startsWith('case.') && !!roomService.liveRoom(roomId.slice('case.'.length)),
        dropRoom: (roomId) => {
          if (roomId.startsWith('case.')) roomService.relinquish(roomId.slice('case.'.length));
        },
        peerCount: () => rooms.peerCount,
        log: log.child({ module: 'cluster', nodeId: config.cluster.nodeId }),
      });
    } catch (error) {
      await socketAdapter?.close();
      await pool.close();
      await services.store.close();
      throw error;
    }
  }
  const io = attachRealtime(httpServer, {
    principals,
    revoker,
    adapter: socketAdapter?.adapter,
    handlers,
    limits: config.realtime,
    directory,
    devRooms: config.devRooms,
    log: log.child({ module: 'realtime' }),
    authenticate,
    disconnected,
    router: clusterNode?.router,
  });
  clusterNode?.attach(io);

  let redirectServer: http.Server | undefined;
  try {
    await listen(httpServer, config.port, config.host);
    if (config.tls?.redirectPort !== undefined) {
      redirectServer = createRedirectServer((httpServer.address() as AddressInfo).port, config.publicUrl);
      await listen(redirectServer, config.tls.redirectPort, config.host);
    }
  } catch (error) {
    io.close();
    redirectServer?.close();
    httpServer.close();
    await clusterNode?.close();
    await socketAdapter?.close();
    await pool.close();
    await services.store.close();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const scheme = config.tls ? 'https' : 'http';
  publicUrl ||= `${scheme}://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;

  // Early warning (#15): the periodic overdue check of work orders, against the app's clock.
  const overdueCheck = setInterval(() => void services.workOrders.markOverdue().catch((error: unknown) => log.warn({ err: error }, 'overdue check failed')), config.cases.workOrderCheckMs ?? 300_000);
  overdueCheck.unref();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(overdueCheck);
      await services.warnings.drain();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // After the sockets: their going away is still told to their rooms' nodes.
      await clusterNode?.close();
      await socketAdapter?.close();
      roomService.closeAll();
      rooms.closeAll();
      await pool.close();
      httpServer.closeAllConnections();
      redirectServer?.closeAllConnections();
      await Promise.all([httpServer, redirectServer].map((server) => server && new Promise<void>((resolve) => server.close(() => resolve()))));
      await services.store.close();
    })());

  const drain = async (maxMs: number) => {
    await clusterNode?.drain(maxMs);
  };
  return { url: `${scheme}://${host}:${port}`, port, rooms, roomService, pool, services, drain, close };
}
