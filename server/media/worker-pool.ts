import type { types } from 'mediasoup';
import type { MediaConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { AppError } from '../protocol/index.ts';
import { findWorkerBinary, MISSING_WORKER_HELP } from './worker-binary.mjs';

type Mediasoup = typeof import('mediasoup');

export class WorkerBinaryMissingError extends Error {
  override name = 'WorkerBinaryMissingError';
  constructor() {
    super(MISSING_WORKER_HELP);
  }
}

/**
 * mediasoup reads MEDIASOUP_WORKER_BIN when its module is first evaluated, so the binary is
 * located first and mediasoup is imported only afterwards.
 */
async function loadMediasoup(log: Logger): Promise<Mediasoup> {
  const binary = findWorkerBinary();
  if (!binary) throw new WorkerBinaryMissingError();
  if (binary.source === 'cache') process.env.MEDIASOUP_WORKER_BIN = binary.path;
  log.info({ workerBin: binary.path, source: binary.source }, 'mediasoup worker binary');
  return import('mediasoup');
}

interface PooledWorker {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  index: number;
  routerCount: number;
}

export interface AcquiredWorker {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  release: () => void;
}

/** One mediasoup worker per core (configurable); a worker that dies is replaced. */
export class WorkerPool {
  private readonly workers: PooledWorker[] = [];
  private closed = false;

  private constructor(
    private readonly mediasoup: Mediasoup,
    private readonly config: MediaConfig,
    private readonly log: Logger,
  ) {
  }

  static async start(config: MediaConfig, log: Logger): Promise<WorkerPool> {
    const mediasoup = await loadMediasoup(log);
    const pool = new WorkerPool(mediasoup, config, log);
    try {
      for (let i = 0; i < config.workerCount; i++) await pool.spawn(i);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  get mediasoupVersion(): string {
    return this.mediasoup.version;
  }

  /** The worker carrying the fewest routers; the caller must `release` it when its router closes. */
  acquire(): AcquiredWorker {
    const entry = this.workers.reduce<PooledWorker | undefined>(
      (best, candidate) => (!best || candidate.routerCount < best.routerCount ? candidate : best),
      undefined,
    );
    // Between a worker's death and its replacement there may be none: a typed refusal the client retries.
    if (!entry || this.closed) throw new AppError('media_unavailable', 'No media server is available right now; try again shortly.');
    entry.routerCount++;
    let released = false;
    return {
      worker: entry.worker,
      webRtcServer: entry.webRtcServer,
      release: () => {
        if (released) return;
        released = true;
        entry.routerCount--;
      },
    };
  }


  /** Closes every worker and resolves once their processes have exited. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = this.workers.splice(0).map(({ worker }) => worker);
    const exited = workers.map((worker) =>
      worker.subprocessClosed ? Promise.resolve() : new Promise<void>((resolve) => worker.once('subprocessclose', () => resolve())),
    );
    for (const worker of workers) worker.close();
    await Promise.all(exited);
  }

  /** Worker pids, for tests that kill one. */
  get pids(): number[] {
    return this.workers.map(({ worker }) => worker.pid);
  }

  private async spawn(index: number): Promise<void> {
    const { rtcMinPort, rtcMaxPort, webRtcPort, listenIp, announcedAddress } = this.config;
    const worker = await this.mediasoup.createWorker({ logLevel: this.config.logLevel, rtcMinPort, rtcMaxPort });
    // One UDP and one TCP port per worker, so a firewall needs two rules per core.
    const port = webRtcPort === 0 ? undefined : webRtcPort + index;
    const webRtcServer = await worker
      .createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: listenIp, announcedAddress, port },
          { protocol: 'tcp', ip: listenIp, announcedAddress, port },
        ],
      })
      .catch((error: unknown) => {
        worker.close();
        throw error;
      });
    const entry: PooledWorker = { worker, webRtcServer, index, routerCount: 0 };
    this.workers.push(entry);
    worker.on('died', (error) => {
      this.log.error({ pid: worker.pid, err: error }, 'mediasoup worker died; its rooms were closed, replacing it');
      this.workers.splice(this.workers.indexOf(entry), 1);
      if (!this.closed) {
        this.spawn(entry.index).catch((spawnError: unknown) => this.log.fatal({ err: spawnError }, 'could not replace mediasoup worker'));
      }
    });
  }
}
