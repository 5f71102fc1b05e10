import type { RedisClient } from '../store/redis-append-script.ts';
import { assertClusterId, clusterKeys, type ClusterKeys } from './keys.ts';
import { luaScript } from './lua-script.ts';
import type { PlacementCandidate } from './placement.ts';
import { assertLeaseOutlivesHeartbeat, defaultLeaseMs, heartbeatTiming, type HeartbeatTiming } from './timing.ts';

/**
 * How a claim ended: `taken` (the room was free), `renewed` (the claimant already held it),
 * `taken_over` (its owner's record was gone), `held` (another live node owns it; nothing changed).
 */
export type ClaimOutcome = 'taken' | 'renewed' | 'taken_over' | 'held';

export interface Lease {
  owner: string;
  /**
   * The fencing token: raised by one on every change of owner, never lowered, kept after release.
   * Work done for a room (appends to its case log, pushes) can carry it, so an owner that was taken
   * over without noticing is refused by whoever compares epochs.
   */
  epoch: number;
  /** The claimant owns the room now. */
  acquired: boolean;
  outcome: ClaimOutcome;
}

export interface RoomOwner {
  owner: string;
  epoch: number;
  /** Whether the owner's record still exists; when not, the next claim takes the room over. */
  ownerLive: boolean;
}

/** The claimant's own record is gone (never started, stopped, or its heartbeat went stale): it may not take rooms. */
export class NodeNotLiveError extends Error {
  override name = 'NodeNotLiveError';
  constructor(readonly nodeId: string) {
    super(`node ${nodeId} has no live record and cannot claim rooms`);
  }
}

/**
 * KEYS[1]: the room's lease, KEYS[2]: its epoch. ARGV[1]: claimant, ARGV[2]: lease in ms, ARGV[3]: node key prefix,
 * ARGV[4]: placed-counter prefix, ARGV[5]: how long a placement counts (ms).
 * Replies {outcome, owner, epoch}, or {'not_live'} when the claimant has no record.
 */
const CLAIM = luaScript(`
if redis.call('EXISTS', ARGV[3] .. ARGV[1]) == 0 then
  return {'not_live'}
end
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {'renewed', owner, tonumber(redis.call('GET', KEYS[2]) or '0')}
end
if owner and redis.call('EXISTS', ARGV[3] .. owner) == 1 then
  return {'held', owner, tonumber(redis.call('GET', KEYS[2]) or '0')}
end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
-- Counted for placement until the claimant's own record says it runs the room (see placedLately).
local placed = ARGV[4] .. ARGV[1]
redis.call('INCR', placed)
if redis.call('PTTL', placed) < 0 then
  redis.call('PEXPIRE', placed, ARGV[5])
end
if owner then
  return {'taken_over', ARGV[1], epoch}
end
return {'taken', ARGV[1], epoch}
`);

/**
 * KEYS[1]: the room's lease, KEYS[2]: its epoch. ARGV[1]: lease in ms, ARGV[2]: node key prefix,
 * ARGV[3]: placed-counter prefix, ARGV[4]: how long a placement counts (ms), then per candidate (best
 * first): node id, rooms, peers (from its record). A room with a live owner stays its ('held');
 * otherwise the live candidate with the fewest rooms counting those placed on it lately, then the
 * fewest peers, then the earliest in the list, takes it. Replies like CLAIM, or {'none'}.
 */
const PLACE = luaScript(`
local owner = redis.call('GET', KEYS[1])
if owner and redis.call('EXISTS', ARGV[2] .. owner) == 1 then
  return {'held', owner, tonumber(redis.call('GET', KEYS[2]) or '0')}
end
local best, bestRooms, bestPeers
for i = 5, #ARGV, 3 do
  local node = ARGV[i]
  if redis.call('EXISTS', ARGV[2] .. node) == 1 then
    local rooms = tonumber(ARGV[i + 1]) + tonumber(redis.call('GET', ARGV[3] .. node) or '0')
    local peers = tonumber(ARGV[i + 2])
    if not best or rooms < bestRooms or (rooms == bestRooms and peers < bestPeers) then
      best, bestRooms, bestPeers = node, rooms, peers
    end
  end
end
if not best then
  return {'none'}
end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], best, 'PX', ARGV[1])
local placed = ARGV[3] .. best
redis.call('INCR', placed)
if redis.call('PTTL', placed) < 0 then
  redis.call('PEXPIRE', placed, ARGV[4])
end
if owner then
  return {'taken_over', best, epoch}
end
return {'taken', best, epoch}
`);

/** KEYS: leases; ARGV[1]: node, ARGV[2]: lease in ms. Extends the node's own leases; replies the 1-based positions of the others. */
const RENEW = luaScript(`
local lost = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
  else
    lost[#lost + 1] = i
  end
end
return lost
`);

/** KEYS[1]: lease; ARGV[1]: node. Deletes the lease only if the node holds it. */
const RELEASE = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/** KEYS[1]: lease, KEYS[2]: epoch; ARGV[1]: node key prefix. Replies nil or {owner, epoch, 1 if the owner's record exists}. */
const OWNER_OF = luaScript(`
local owner = redis.call('GET', KEYS[1])
if not owner then
  return false
end
return {owner, tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('EXISTS', ARGV[1] .. owner)}
`);

export interface RoomLeasesOptions {
  /** The node registry's timing (`registry.timing`); the lease must outlive its stale time. */
  timing?: HeartbeatTiming;
  /** Default lease for `claim` and `renew`, at least `staleAfterMs + heartbeatMs` (timing.ts); by default `staleAfterMs + 2 * heartbeatMs`. */
  leaseMs?: number;
  keyPrefix?: string;
}

/**
 * Room → owner leases, each change one Lua script so concurrent claims by several nodes see one
 * order. A room is taken over only when its owner's node record is gone; the lease's expiry is the
 * backstop for rooms nobody renews. Owners renew every heartbeat; the lease layer does not look at
 * a node's state (a DRAINING node keeps and renews its rooms; placement keeps new ones away from it).
 */
export class RoomLeases {
  readonly leaseMs: number;
  readonly timing: HeartbeatTiming;
  readonly placedWindowMs: number;
  readonly #client: RedisClient;
  readonly #keys: ClusterKeys;

  constructor(client: RedisClient, options: RoomLeasesOptions = {}) {
    this.timing = heartbeatTiming(options.timing);
    this.placedWindowMs = 2 * this.timing.heartbeatMs;
    this.leaseMs = options.leaseMs ?? defaultLeaseMs(this.timing);
    assertLeaseOutlivesHeartbeat(this.leaseMs, this.timing);
    this.#client = client;
    this.#keys = clusterKeys(options.keyPrefix);
  }

  /** Takes a free room, renews the claimant's own, or takes over one whose owner's record is gone. */
  async claim(roomId: string, nodeId: string, leaseMs: number = this.leaseMs): Promise<Lease> {
    assertClusterId(roomId, 'room');
    assertClusterId(nodeId, 'node');
    assertLeaseOutlivesHeartbeat(leaseMs, this.timing);
    const reply = await CLAIM.run(this.#client, [this.#keys.lease(roomId), this.#keys.epoch(roomId)], [nodeId, String(leaseMs), this.#keys.nodePrefix, this.#keys.placedPrefix, String(this.placedWindowMs)]);
    if (Array.isArray(reply) && reply.length === 1 && String(reply[0]) === 'not_live') throw new NodeNotLiveError(nodeId);
    if (Array.isArray(reply) && reply.length === 3 && typeof reply[2] === 'number') {
      const outcome = String(reply[0]);
      if (outcome === 'taken' || outcome === 'renewed' || outcome === 'taken_over' || outcome === 'held') {
        const owner = String(reply[1]);
        return { owner, epoch: reply[2], acquired: owner === nodeId, outcome };
      }
    }
    throw new Error(`unexpected reply from the claim script: ${JSON.stringify(reply)}`);
  }

  /** Extends the node's leases in one round trip; returns the rooms among `roomIds` it no longer owns. */
  async renew(nodeId: string, roomIds: readonly string[], leaseMs: number = this.leaseMs): Promise<string[]> {
    assertClusterId(nodeId, 'node');
    assertLeaseOutlivesHeartbeat(leaseMs, this.timing);
    const rooms = [...new Set(roomIds)];
    for (const roomId of rooms) assertClusterId(roomId, 'room');
    if (rooms.length === 0) return [];
    const reply = await RENEW.run(this.#client, rooms.map(this.#keys.lease), [nodeId, String(leaseMs)]);
    if (!Array.isArray(reply) || !reply.every((position) => typeof position === 'number' && rooms[position - 1] !== undefined)) {
      throw new Error(`unexpected reply from the renew script: ${JSON.stringify(reply)}`);
    }
    return reply.map((position: number) => rooms[position - 1] as string);
  }

  /** Gives the room up if the node holds it (compare-and-delete); true when it did. The epoch stays. */
  async release(roomId: string, nodeId: string): Promise<boolean> {
    assertClusterId(roomId, 'room');
    assertClusterId(nodeId, 'node');
    return (await RELEASE.run(this.#client, [this.#keys.lease(roomId)], [nodeId])) === 1;
  }

  /**
   * Gives a room without a live owner to the best of `candidates` (best first, see
   * placement.ts's placementOrder), counting the rooms placed on each since its last heartbeat, in
   * one atomic step; a room with a live owner stays its. Undefined when no candidate is live.
   */
  async place(roomId: string, candidates: readonly PlacementCandidate[], leaseMs: number = this.leaseMs): Promise<Lease | undefined> {
    assertClusterId(roomId, 'room');
    for (const candidate of candidates) assertClusterId(candidate.nodeId, 'node');
    assertLeaseOutlivesHeartbeat(leaseMs, this.timing);
    const args = [String(leaseMs), this.#keys.nodePrefix, this.#keys.placedPrefix, String(this.placedWindowMs)];
    for (const { nodeId, load } of candidates) args.push(nodeId, String(load.rooms), String(load.peers));
    const reply = await PLACE.run(this.#client, [this.#keys.lease(roomId), this.#keys.epoch(roomId)], args);
    if (Array.isArray(reply) && reply.length === 1 && String(reply[0]) === 'none') return undefined;
    if (Array.isArray(reply) && reply.length === 3 && typeof reply[2] === 'number') {
      const outcome = String(reply[0]);
      if (outcome === 'taken' || outcome === 'taken_over' || outcome === 'held') return { owner: String(reply[1]), epoch: reply[2], acquired: outcome !== 'held', outcome };
    }
    throw new Error(`unexpected reply from the place script: ${JSON.stringify(reply)}`);
  }

  /**
   * Rooms each node took lately (within two heartbeats), whoever placed them. A node's record
   * carries its load only once a heartbeat, so without these a burst of new rooms placed through
   * several instances would all go to whichever node looked least loaded at its last beat.
   */
  async placedLately(nodeIds: readonly string[]): Promise<Map<string, number>> {
    for (const nodeId of nodeIds) assertClusterId(nodeId, 'node');
    if (nodeIds.length === 0) return new Map();
    const counts = await this.#client.mGet(nodeIds.map(this.#keys.placed));
    return new Map(nodeIds.map((nodeId, i) => [nodeId, Number(counts[i] ?? 0) || 0]));
  }

  async ownerOf(roomId: string): Promise<RoomOwner | undefined> {
    assertClusterId(roomId, 'room');
    const reply = await OWNER_OF.run(this.#client, [this.#keys.lease(roomId), this.#keys.epoch(roomId)], [this.#keys.nodePrefix]);
    if (reply === null) return undefined;
    if (Array.isArray(reply) && reply.length === 3 && typeof reply[1] === 'number') return { owner: String(reply[0]), epoch: reply[1], ownerLive: reply[2] === 1 };
    throw new Error(`unexpected reply from the owner script: ${JSON.stringify(reply)}`);
  }
}
