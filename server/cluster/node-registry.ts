import { z } from 'zod';
import { moduleLogger, type Logger } from '../logger.ts';
import { systemClock, type Clock } from '../services/clock.ts';
import type { RedisClient } from '../store/redis-append-script.ts';
import { assertClusterId, ClusterIdSchema, ClusterInputError, clusterKeys, type ClusterKeys } from './keys.ts';
import { luaScript } from './lua-script.ts';
import { heartbeatTiming, type HeartbeatTiming } from './timing.ts';

/** SERVING takes new rooms; DRAINING keeps the rooms it has, takes no new ones, and exits when empty. */
export const NodeStateSchema = z.enum(['SERVING', 'DRAINING']);
export type NodeState = z.infer<typeof NodeStateSchema>;

export const NodeLoadSchema = z.object({
  rooms: z.number().int().nonnegative(),
  peers: z.number().int().nonnegative(),
});
export type NodeLoad = z.infer<typeof NodeLoadSchema>;

/** A node's record in Redis. Times are milliseconds since the epoch by the node's clock, for diagnostics only. */
export const NodeRecordSchema = z.object({
  nodeId: ClusterIdSchema,
  /** Where the node says it can be reached (for operators; requests between nodes go through Redis). */
  address: z.string().max(256),
  state: NodeStateSchema,
  load: NodeLoadSchema,
  heartbeatAt: z.number().int().nonnegative(),
  startedAt: z.number().int().nonnegative(),
});
export type NodeRecord = z.infer<typeof NodeRecordSchema>;

/** The timer functions the heartbeat uses; tests pass their own to hold a node's heartbeat. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface NodeRegistryOptions extends Partial<HeartbeatTiming> {
  /** Unique per process: a node restarted under the same id inherits the leases of the old one while its record lives. */
  nodeId: string;
  address: string;
  keyPrefix?: string;
  clock?: Clock;
  timers?: Timers;
  log?: Logger;
}

/**
 * KEYS[1]: the set of node ids; ARGV[1]: the node key prefix. Returns the records of the nodes whose
 * record still exists and drops the others from the set, in one step: a node that beats between a
 * read and a removal could otherwise be dropped while alive (until its next beat).
 */
const LIST_LIVE = luaScript(`
local records = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local record = redis.call('GET', ARGV[1] .. id)
  if record then
    records[#records + 1] = record
  else
    redis.call('SREM', KEYS[1], id)
  end
end
return records
`);

type Phase = 'new' | 'running' | 'stopped';

/**
 * This node's record in Redis, rewritten every `heartbeatMs` with an expiry of `staleAfterMs`
 * (see timing.ts), and the view of the other nodes' records. The record carries the node's state
 * and load; a state change is written at once, a load change with the next heartbeat.
 */
export class NodeRegistry {
  readonly nodeId: string;
  readonly timing: HeartbeatTiming;
  readonly #client: RedisClient;
  readonly #keys: ClusterKeys;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #log: Logger;
  readonly #address: string;
  #state: NodeState = 'SERVING';
  #load: NodeLoad = { rooms: 0, peers: 0 };
  #startedAt: number | undefined;
  #phase: Phase = 'new';
  #timer: unknown;
  #writing: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(client: RedisClient, options: NodeRegistryOptions) {
    assertClusterId(options.nodeId, 'node');
    this.timing = heartbeatTiming(options);
    this.nodeId = options.nodeId;
    this.#address = options.address;
    if (this.#address.length > 256) throw new ClusterInputError('node address longer than 256 characters');
    this.#client = client;
    this.#keys = clusterKeys(options.keyPrefix);
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? systemTimers;
    this.#log = (options.log ?? moduleLogger('cluster')).child({ nodeId: this.nodeId });
  }

  get state(): NodeState {
    return this.#state;
  }

  /** Writes the first record, then keeps it fresh. Resolves once the node is visible to the others. */
  async start(): Promise<void> {
    if (this.#phase !== 'new') throw new Error(`node registry ${this.nodeId} was already started`);
    this.#phase = 'running';
    this.#startedAt = this.#clock.now().getTime();
    try {
      await this.#write();
    } catch (error) {
      this.#phase = 'stopped';
      throw error;
    }
    if (this.#phase === 'running') this.#schedule();
  }

  /**
   * Ends the heartbeat and deletes the record so the node's rooms can be taken over at once. If Redis
   * cannot be reached the record is left to expire by itself. Idempotent; leaves no timer behind.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const wasRunning = this.#phase === 'running';
      this.#phase = 'stopped';
      if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
      if (!wasRunning) return;
      // A beat already sent is ahead of the delete on the same connection; waiting keeps its error out of the log.
      await this.#writing?.catch(() => undefined);
      try {
        await this.#client.multi().del(this.#keys.node(this.nodeId)).sRem(this.#keys.nodes, this.nodeId).exec();
      } catch (error) {
        this.#log.warn({ err: error }, 'could not delete the node record; it expires by itself');
      }
    })();
    return this.#stopping;
  }

  /** DRAINING is written at once: placement must stop choosing this node before the next heartbeat. */
  async setState(state: NodeState): Promise<void> {
    this.#state = NodeStateSchema.parse(state);
    if (this.#phase === 'running') await this.#write();
  }

  /** Published with the next heartbeat: placement works on loads up to one heartbeat old. */
  setLoad(load: NodeLoad): void {
    const parsed = NodeLoadSchema.safeParse(load);
    if (!parsed.success) throw new ClusterInputError(`invalid node load ${JSON.stringify(load)}`);
    this.#load = parsed.data;
  }

  /** Records of the nodes whose heartbeat is fresh, this one included while it runs. */
  async list(): Promise<NodeRecord[]> {
    const reply = await LIST_LIVE.run(this.#client, [this.#keys.nodes], [this.#keys.nodePrefix]);
    if (!Array.isArray(reply)) throw new Error(`unexpected reply from the node list script: ${JSON.stringify(reply)}`);
    const records: NodeRecord[] = [];
    for (const json of reply) {
      const parsed = NodeRecordSchema.safeParse(parseJson(String(json)));
      if (parsed.success) records.push(parsed.data);
      else this.#log.warn({ issues: parsed.error.issues }, 'skipping a malformed node record');
    }
    return records;
  }

  async isAlive(nodeId: string): Promise<boolean> {
    assertClusterId(nodeId, 'node');
    return (await this.#client.exists(this.#keys.node(nodeId))) === 1;
  }

  #record(): NodeRecord {
    return {
      nodeId: this.nodeId,
      address: this.#address,
      state: this.#state,
      load: { ...this.#load },
      heartbeatAt: this.#clock.now().getTime(),
      startedAt: this.#startedAt ?? 0,
    };
  }

  /**
   * The record is serialized and the commands queued synchronously, so writes reach Redis in call
   * order and the last one carries the latest state; a delete queued by `stop()` comes after them.
   */
  #write(): Promise<void> {
    const written = this.#client
      .multi()
      .set(this.#keys.node(this.nodeId), JSON.stringify(this.#record()), { expiration: { type: 'PX', value: this.timing.staleAfterMs } })
      .sAdd(this.#keys.nodes, this.nodeId)
      .exec()
      .then(() => undefined);
    this.#writing = written;
    return written;
  }

  /** The next beat is scheduled once the previous one settled: a slow Redis never piles up beats. */
  #schedule(): void {
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      if (this.#phase !== 'running') return;
      this.#write()
        .catch((error: unknown) => this.#log.warn({ err: error }, 'heartbeat failed'))
        .finally(() => {
          if (this.#phase === 'running') this.#schedule();
        });
    }, this.timing.heartbeatMs);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
