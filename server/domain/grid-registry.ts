import { AppError } from '../protocol/errors.ts';
import type { ChainRecord } from './record-chain.ts';

/**
 * The grid registry: towns (乡镇/街道) hold communities (村/社区), which hold grids (网格). Each
 * node may be bound to a mediation organisation and its guiding court; a node without a binding
 * inherits its parent's, so binding a town binds everything under it. A child's code extends its
 * parent's, which keeps area codes prefix-ordered (courts and statistics match by prefix).
 * Pure: the registry is the fold of its hash-chained records.
 */
export const GRID_LEVELS = ['town', 'community', 'grid'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export interface GridNode {
  code: string;
  name: string;
  level: GridLevel;
  parentCode?: string | undefined;
  orgId?: string | undefined;
  courtId?: string | undefined;
}

export interface GridRecordData {
  'grid.node_added': GridNode;
  /** `null` clears a binding (the node inherits again); an absent member is left as it is. */
  'grid.node_updated': { code: string; name?: string | undefined; orgId?: string | null | undefined; courtId?: string | null | undefined };
  'grid.node_removed': { code: string };
}
export type GridRecordType = keyof GridRecordData;
export type GridDraft = { [T in GridRecordType]: { type: T; data: GridRecordData[T] } }[GridRecordType];
export type GridRecord = ChainRecord<GridRecordType, GridRecordData[GridRecordType]>;

export type GridRegistry = Readonly<Record<string, GridNode>>;

/** A node with what it inherits: the organisation and court that serve it, and its names from the town down. */
export interface ResolvedGridNode extends GridNode {
  effectiveOrgId?: string | undefined;
  effectiveCourtId?: string | undefined;
  path: string[];
  pathCodes: string[];
}

/** Administrative codes: a county's 6 digits, a town's 9, a community's 12, a grid's up to 15. */
export const GRID_CODE = /^\d{6,15}$/;
export const PATH_SEPARATOR = ' › ';

const PARENT_LEVEL: Record<GridLevel, GridLevel | undefined> = { town: undefined, community: 'town', grid: 'community' };

function invalid(path: string, message: string): AppError {
  return new AppError('invalid_input', message, [{ path, message }]);
}

/** Checks one change against the registry as it stands; throws a typed error naming the rule. */
export function assertGridChange(registry: GridRegistry, draft: GridDraft): void {
  switch (draft.type) {
    case 'grid.node_added': {
      const node = draft.data;
      if (!GRID_CODE.test(node.code)) throw invalid('code', 'A code is 6-15 digits.');
      if (!node.name.trim()) throw invalid('name', 'A node needs a name.');
      if (registry[node.code]) throw new AppError('conflict', 'A node with this code exists.');
      const parentLevel = PARENT_LEVEL[node.level];
      if (!parentLevel) {
        if (node.parentCode) throw invalid('parentCode', 'A town has no parent.');
        if (!node.orgId || !node.courtId) throw invalid(!node.orgId ? 'orgId' : 'courtId', 'A town is bound to a mediation organisation and a guiding court.');
        return;
      }
      const parent = node.parentCode ? registry[node.parentCode] : undefined;
      if (!parent) throw invalid('parentCode', `A ${node.level} belongs to an existing ${parentLevel}.`);
      if (parent.level !== parentLevel) throw invalid('parentCode', `A ${node.level} belongs to a ${parentLevel}, not a ${parent.level}.`);
      if (!node.code.startsWith(parent.code) || node.code === parent.code) throw invalid('code', 'A code extends its parent’s code.');
      return;
    }
    case 'grid.node_updated': {
      const node = registry[draft.data.code];
      if (!node) throw new AppError('not_found', 'No such grid node.');
      if (draft.data.name !== undefined && !draft.data.name.trim()) throw invalid('name', 'A node needs a name.');
      if (node.level === 'town' && (draft.data.orgId === null || draft.data.courtId === null)) throw invalid(draft.data.orgId === null ? 'orgId' : 'courtId', 'A town stays bound to an organisation and a court.');
      if (draft.data.name === undefined && draft.data.orgId === undefined && draft.data.courtId === undefined) throw invalid('(root)', 'Nothing to change.');
      return;
    }
    case 'grid.node_removed': {
      if (!registry[draft.data.code]) throw new AppError('not_found', 'No such grid node.');
      if (Object.values(registry).some((n) => n.parentCode === draft.data.code)) throw new AppError('illegal_transition', 'Remove the nodes under it first.');
      return;
    }
  }
}

export function applyGridRecord(registry: GridRegistry, record: Pick<GridRecord, 'type' | 'data'>): GridRegistry {
  const draft = record as GridDraft;
  switch (draft.type) {
    case 'grid.node_added':
      return { ...registry, [draft.data.code]: { ...draft.data } };
    case 'grid.node_updated': {
      const { code, name, orgId, courtId } = draft.data;
      const node = registry[code]!;
      return {
        ...registry,
        [code]: {
          ...node,
          ...(name !== undefined ? { name: name.trim() } : {}),
          ...(orgId !== undefined ? { orgId: orgId ?? undefined } : {}),
          ...(courtId !== undefined ? { courtId: courtId ?? undefined } : {}),
        },
      };
    }
    case 'grid.node_removed': {
      const { [draft.data.code]: _removed, ...rest } = registry;
      return rest;
    }
  }
}

export function foldGridRegistry(records: ReadonlyArray<Pick<GridRecord, 'type' | 'data'>>): GridRegistry {
  return records.reduce<GridRegistry>(applyGridRecord, {});
}

/** The node with its bindings inherited from above and its path of names; undefined for an unknown code. */
export function resolveGridNode(registry: GridRegistry, code: string): ResolvedGridNode | undefined {
  const node = registry[code];
  if (!node) return undefined;
  const chain: GridNode[] = [];
  // Bounded by the three levels; a guard against a malformed parent loop all the same.
  for (let at: GridNode | undefined = node; at && chain.length < GRID_LEVELS.length; at = at.parentCode ? registry[at.parentCode] : undefined) chain.unshift(at);
  const nearest = <K extends 'orgId' | 'courtId'>(key: K) => [...chain].reverse().find((n) => n[key])?.[key];
  return { ...node, effectiveOrgId: nearest('orgId'), effectiveCourtId: nearest('courtId'), path: chain.map((n) => n.name), pathCodes: chain.map((n) => n.code) };
}

/** The node's own name, or the code itself when the registry does not know it (an older case, a code from elsewhere). */
export function gridNameOf(registry: GridRegistry, code: string): string {
  return registry[code]?.name ?? code;
}

/** 柏城镇 › 东关社区 › 第3网格; the code itself when unknown. */
export function gridPathOf(registry: GridRegistry, code: string): string {
  return resolveGridNode(registry, code)?.path.join(PATH_SEPARATOR) ?? code;
}

/** Every node resolved, towns first, then by code: what a picker lists. */
export function listGridNodes(registry: GridRegistry): ResolvedGridNode[] {
  return Object.keys(registry)
    .map((code) => resolveGridNode(registry, code)!)
    .sort((a, b) => GRID_LEVELS.indexOf(a.level) - GRID_LEVELS.indexOf(b.level) || a.code.localeCompare(b.code));
}
