import { describe, expect, it } from 'vitest';
import { newStallState, STALL_MS, stalledConsumers } from '../../client/src/media/stall-watch.ts';

describe('telling a stalled picture', () => {
  it('asks for a keyframe once packets keep coming without a decoded frame for a while, and stops when frames do', () => {
    const state = newStallState();
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 100, frames: 50 }], 0)).toEqual([]);
    // Packets in, frames stuck: not yet.
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 120, frames: 50 }], 250)).toEqual([]);
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 140, frames: 50 }], 250 + STALL_MS)).toEqual(['c1']);
    // Still stuck: asked again (the server spaces the requests out).
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 160, frames: 50 }], 300 + STALL_MS)).toEqual(['c1']);
    // Frames again: recovered.
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 180, frames: 55 }], 400 + STALL_MS)).toEqual([]);
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 200, frames: 55 }], 500 + STALL_MS)).toEqual([]);
  });

  it('does not count an outage (no packets) as a stall, nor a paused or gone stream', () => {
    const state = newStallState();
    stalledConsumers(state, [{ consumerId: 'c1', packets: 100, frames: 50 }], 0);
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 100, frames: 50 }], 1000)).toEqual([]);
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 100, frames: 50 }], 2000)).toEqual([]);
    // The consumer went away (paused or closed): forgotten, and a new reading starts afresh.
    expect(stalledConsumers(state, [], 3000)).toEqual([]);
    expect(state.readings.size).toBe(0);
    expect(stalledConsumers(state, [{ consumerId: 'c1', packets: 500, frames: 50 }], 4000)).toEqual([]);
  });
});
