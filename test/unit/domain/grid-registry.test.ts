import { describe, expect, it } from 'vitest';
import { assertGridChange, foldGridRegistry, gridNameOf, gridPathOf, listGridNodes, resolveGridNode, type GridDraft, type GridRegistry } from '../../../server/domain/grid-registry.ts';
import { chainRecord, verifyRecords, type ChainRecord } from '../../../server/domain/record-chain.ts';
import type { Actor } from '../../../server/domain/case-types.ts';
import { AppError } from '../../../server/protocol/errors.ts';

const admin: Actor = { kind: 'account', accountId: 'admin-1', role: 'admin', name: '系统管理员' };
const town: GridDraft = { type: 'grid.node_added', data: { code: '370785001', name: '柏城镇', level: 'town', orgId: 'baicheng', courtId: 'gaomi-court' } };
const community: GridDraft = { type: 'grid.node_added', data: { code: '370785001001', name: '东关社区', level: 'community', parentCode: '370785001' } };
const grid3: GridDraft = { type: 'grid.node_added', data: { code: '370785001001003', name: '第3网格', level: 'grid', parentCode: '370785001001' } };

/** Applies drafts through the real rules, as the service does. */
function registryOf(...drafts: GridDraft[]): GridRegistry {
  let registry: GridRegistry = {};
  for (const draft of drafts) {
    assertGridChange(registry, draft);
    registry = foldGridRegistry([...Object.values(registry).map((n) => ({ type: 'grid.node_added' as const, data: n })), draft]);
  }
  return registry;
}

function refusal(registry: GridRegistry, draft: GridDraft): AppError {
  try {
    assertGridChange(registry, draft);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the grid registry tree', () => {
  it('names a grid by its path and inherits the town’s organisation and court', () => {
    const registry = registryOf(town, community, grid3);
    expect(gridPathOf(registry, '370785001001003')).toBe('柏城镇 › 东关社区 › 第3网格');
    expect(gridNameOf(registry, '370785001001003')).toBe('第3网格');
    expect(resolveGridNode(registry, '370785001001003')).toMatchObject({ effectiveOrgId: 'baicheng', effectiveCourtId: 'gaomi-court', pathCodes: ['370785001', '370785001001', '370785001001003'] });
    // Unknown codes read as themselves, so old cases still show something.
    expect(gridPathOf(registry, '370785999')).toBe('370785999');
    expect(listGridNodes(registry).map((n) => n.level)).toEqual(['town', 'community', 'grid']);
  });

  it('lets a lower node bind its own organisation, and clearing it inherits again', () => {
    let registry = registryOf(town, community, grid3);
    const bind: GridDraft = { type: 'grid.node_updated', data: { code: '370785001001', orgId: 'dongguan' } };
    assertGridChange(registry, bind);
    registry = foldGridRegistry([...Object.values(registry).map((n) => ({ type: 'grid.node_added' as const, data: n })), bind]);
    expect(resolveGridNode(registry, '370785001001003')).toMatchObject({ effectiveOrgId: 'dongguan', effectiveCourtId: 'gaomi-court' });
    const clear: GridDraft = { type: 'grid.node_updated', data: { code: '370785001001', orgId: null } };
    registry = foldGridRegistry([...Object.values(registry).map((n) => ({ type: 'grid.node_added' as const, data: n })), clear]);
    expect(resolveGridNode(registry, '370785001001003')?.effectiveOrgId).toBe('baicheng');
  });

  it('refuses a broken tree with typed errors', () => {
    const registry = registryOf(town, community);
    expect(refusal(registry, { type: 'grid.node_added', data: { code: '370785002', name: '城关街道', level: 'town' } })).toMatchObject({ code: 'invalid_input', fields: [{ path: 'orgId' }] });
    expect(refusal(registry, { type: 'grid.node_added', data: { code: '370785001009', name: '孤儿网格', level: 'grid', parentCode: '370785001' } })).toMatchObject({ code: 'invalid_input', fields: [{ path: 'parentCode' }] });
    expect(refusal(registry, { type: 'grid.node_added', data: { code: '370785002001003', name: '别处', level: 'grid', parentCode: '370785001001' } })).toMatchObject({ code: 'invalid_input', fields: [{ path: 'code' }] });
    expect(refusal(registry, { type: 'grid.node_added', data: { code: '37x', name: '坏', level: 'grid', parentCode: '370785001001' } })).toMatchObject({ code: 'invalid_input', fields: [{ path: 'code' }] });
    expect(refusal(registry, community).code).toBe('conflict');
    expect(refusal(registry, { type: 'grid.node_updated', data: { code: '370785001', courtId: null } })).toMatchObject({ code: 'invalid_input' });
    expect(refusal(registry, { type: 'grid.node_updated', data: { code: '370785009' , name: 'x' } }).code).toBe('not_found');
    expect(refusal(registry, { type: 'grid.node_removed', data: { code: '370785001' } }).code).toBe('illegal_transition');
  });

  it('removes a leaf', () => {
    const registry = registryOf(town, community, grid3);
    const remove: GridDraft = { type: 'grid.node_removed', data: { code: '370785001001003' } };
    assertGridChange(registry, remove);
    expect(Object.keys(foldGridRegistry([town, community, grid3, remove]))).toEqual(['370785001', '370785001001']);
  });
});

describe('a hash-chained record log', () => {
  const records = (): ChainRecord[] => {
    const first = chainRecord('grid-registry', undefined, town, admin, '2026-12-01T00:00:00.000Z');
    const second = chainRecord('grid-registry', first, community, admin, '2026-12-01T00:01:00.000Z');
    return [first, second];
  };

  it('verifies a log it chained and names the first altered link', () => {
    expect(verifyRecords('grid-registry', records())).toMatchObject({ valid: true, length: 2 });
    const altered = records();
    (altered[0]!.data as { name: string }).name = '别的镇';
    expect(verifyRecords('grid-registry', altered)).toMatchObject({ valid: false, brokenAtSeq: 1, reason: 'hash_mismatch' });
    expect(verifyRecords('item:x', records())).toMatchObject({ valid: false, brokenAtSeq: 1, reason: 'wrong_stream' });
    expect(verifyRecords('grid-registry', records().slice(1))).toMatchObject({ valid: false, reason: 'seq_gap' });
  });
});
