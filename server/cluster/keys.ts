import { z } from 'zod';

/**
 * Node and room ids become Redis key segments and channel names: nothing that could forge another
 * key (no `:`, `*`, spaces). Room ids of the wire contract (`RoomIdSchema`, case ids) fit.
 */
export const ClusterIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'letters, digits, "_", "." or "-" only, at most 128');

/** A caller's mistake (a malformed id, a negative load), as opposed to a Redis failure. */
export class ClusterInputError extends Error {
  override name = 'ClusterInputError';
}

export function assertClusterId(id: string, what: string): void {
  if (!ClusterIdSchema.safeParse(id).success) throw new ClusterInputError(`invalid ${what} id ${JSON.stringify(id).slice(0, 140)}`);
}

/**
 * The store's prefix is `mr:`; the cluster's keys sit beside it. Registry, leases and RPC of one
 * cluster must share the prefix: the lease scripts read node records to decide a takeover.
 */
export const DEFAULT_CLUSTER_PREFIX = 'mr:cluster:';

/**
 * Keys: `<prefix>node:<nodeId>` (the node's record, JSON, expiring), `<prefix>nodes` (set of node ids
 * that may have a record), `<prefix>room:<roomId>:owner` (the lease: the owner's node id, expiring),
 * `<prefix>room:<roomId>:epoch` (the fencing token, never expires), `<prefix>rpc:<nodeId>` (channel),
 * `<prefix>placed:<nodeId>` (rooms newly taken by the node lately, expiring: see RoomLeases.placedLately).
 *
 * The scripts build node keys themselves (a room's owner is only known inside the script). On Redis
 * Cluster that needs every key in one slot: use a hash tag as the prefix (`{mr}:cluster:`), as the
 * store's documentation says for its own keys.
 */
export function clusterKeys(prefix: string = DEFAULT_CLUSTER_PREFIX) {
  return {
    prefix,
    nodePrefix: `${prefix}node:`,
    node: (nodeId: string) => `${prefix}node:${nodeId}`,
    nodes: `${prefix}nodes`,
    lease: (roomId: string) => `${prefix}room:${roomId}:owner`,
    epoch: (roomId: string) => `${prefix}room:${roomId}:epoch`,
    rpcChannel: (nodeId: string) => `${prefix}rpc:${nodeId}`,
    placedPrefix: `${prefix}placed:`,
    placed: (nodeId: string) => `${prefix}placed:${nodeId}`,
  };
}

export type ClusterKeys = ReturnType<typeof clusterKeys>;
