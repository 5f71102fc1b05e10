import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/protocol/index.ts';
import { NoServingNodeError, placeRoom, type PlacementCandidate } from '../../server/cluster/placement.ts';

const candidate = fc.record({
  nodeId: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  state: fc.constantFrom('SERVING' as const, 'DRAINING' as const),
  load: fc.record({ rooms: fc.nat({ max: 5 }), peers: fc.nat({ max: 20 }) }),
});
// Node ids are unique among live records (one record per key).
const candidates = fc.uniqueArray(candidate, { selector: (node) => node.nodeId, maxLength: 8 });
const roomId = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);

const node = (nodeId: string, rooms: number, peers: number, state: PlacementCandidate['state'] = 'SERVING'): PlacementCandidate => ({ nodeId, state, load: { rooms, peers } });

describe('placing a new room', () => {
  it('never picks a DRAINING node, and throws exactly when no node is SERVING', () => {
    fc.assert(
      fc.property(roomId, candidates, (room, nodes) => {
        const serving = nodes.filter((n) => n.state === 'SERVING');
        if (serving.length === 0) {
          expect(() => placeRoom(room, nodes)).toThrow(NoServingNodeError);
          return;
        }
        expect(placeRoom(room, nodes).state).toBe('SERVING');
      }),
      { numRuns: 1000 },
    );
  });

  it('picks a node with the fewest rooms, and among those the fewest peers', () => {
    fc.assert(
      fc.property(roomId, candidates, (room, nodes) => {
        const serving = nodes.filter((n) => n.state === 'SERVING');
        fc.pre(serving.length > 0);
        const chosen = placeRoom(room, nodes);
        for (const other of serving) {
          expect(chosen.load.rooms).toBeLessThanOrEqual(other.load.rooms);
          if (other.load.rooms === chosen.load.rooms) expect(chosen.load.peers).toBeLessThanOrEqual(other.load.peers);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('chooses the same node whatever the order of the records', () => {
    fc.assert(
      fc.property(
        roomId,
        candidates.chain((nodes) => fc.tuple(fc.constant(nodes), fc.shuffledSubarray(nodes, { minLength: nodes.length, maxLength: nodes.length }))),
        (room, [nodes, shuffled]) => {
          fc.pre(nodes.some((n) => n.state === 'SERVING'));
          expect(placeRoom(room, shuffled).nodeId).toBe(placeRoom(room, nodes).nodeId);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('spreads new rooms over equally loaded nodes instead of sending them all to one', () => {
    const nodes = [node('node-a', 2, 4), node('node-b', 2, 4), node('node-c', 2, 4)];
    const chosen = new Set(Array.from({ length: 60 }, (_, i) => placeRoom(`room-${i}`, nodes).nodeId));
    expect(chosen).toEqual(new Set(['node-a', 'node-b', 'node-c']));
  });

  it('ranks rooms before peers', () => {
    expect(placeRoom('r', [node('busy', 1, 0), node('crowded', 0, 50)]).nodeId).toBe('crowded');
    expect(placeRoom('r', [node('quiet', 3, 2), node('loud', 3, 9), node('draining', 0, 0, 'DRAINING')]).nodeId).toBe('quiet');
  });

  it('refuses with a coded error a client can be shown', () => {
    const error = (() => {
      try {
        placeRoom('r', [node('draining', 0, 0, 'DRAINING')]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toBody()).toEqual({ code: 'media_unavailable', message: expect.any(String) });
    expect(() => placeRoom('r', [])).toThrow(NoServingNodeError);
  });
});
