import { AppError } from '../protocol/index.ts';
import type { NodeRecord } from './node-registry.ts';

export type PlacementCandidate = Pick<NodeRecord, 'nodeId' | 'state' | 'load'>;

/** No live node is SERVING (all draining, or none left): a new room cannot open now. */
export class NoServingNodeError extends AppError {
  override name = 'NoServingNodeError';
  constructor() {
    super('media_unavailable', 'No server can open this room right now; try again shortly.');
  }
}

/**
 * Chooses the node for a new room among live records: SERVING only, fewest rooms, then fewest
 * peers. Ties are broken by a hash of room and node id (then the node id), so the choice is the
 * same whoever computes it and in whatever order the records come, yet a burst of new rooms on
 * equally loaded nodes spreads over them: loads are published with the heartbeat, and a plain
 * lowest-id rule would send the whole burst to one node before its load shows.
 */
export function placeRoom<N extends PlacementCandidate>(roomId: string, nodes: readonly N[]): N {
  return placementOrder(roomId, nodes)[0]!;
}

/**
 * The SERVING nodes, best home for the room first (as `placeRoom` would choose). The lease script
 * takes this order and adds the rooms each node was given since its last heartbeat, atomically with
 * the claim (RoomLeases.place), so a burst of rooms placed through several instances spreads.
 */
export function placementOrder<N extends PlacementCandidate>(roomId: string, nodes: readonly N[]): N[] {
  const serving = nodes.filter((node) => node.state === 'SERVING').sort((a, b) => comparePlacement(roomId, a, b));
  if (serving.length === 0) throw new NoServingNodeError();
  return serving;
}

/** Negative when `a` is the better home for the room than `b`. */
export function comparePlacement(roomId: string, a: PlacementCandidate, b: PlacementCandidate): number {
  return a.load.rooms - b.load.rooms || a.load.peers - b.load.peers || tieBreak(roomId, a.nodeId) - tieBreak(roomId, b.nodeId) || compareText(a.nodeId, b.nodeId);
}

/** FNV-1a over the UTF-16 code units of `roomId NUL nodeId`, as an unsigned 32-bit number. */
function tieBreak(roomId: string, nodeId: string): number {
  let hash = 0x811c9dc5;
  const text = `${roomId}\u0000${nodeId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Code-unit order: the same on every node whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
