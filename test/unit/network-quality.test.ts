import { describe, expect, it } from 'vitest';
import {
  assess,
  initialNetworkState,
  intervalLoss,
  nextNetworkState,
  sampleFromStats,
  type NetworkSample,
  type NetworkState,
  type StatsEntry,
} from '../../client/src/media/network-quality.ts';

/** A sample `seconds` in, with cumulative counters. */
function sample(seconds: number, fields: Partial<NetworkSample> = {}): NetworkSample {
  return { at: seconds * 1000, packetsReceived: 0, packetsLost: 0, sendFractionLost: undefined, roundTripTime: 0.05, availableOutgoingBitrate: 600_000, ...fields };
}

/**
 * Feeds readings every 2 s from `start`; each has `received` new packets of which `lostEach` are
 * lost, plus the given fields. Returns every state along the way.
 */
function run(state: NetworkState, start: number, count: number, lostEach: number, fields: Partial<NetworkSample> = {}, sendingVideo = true): NetworkState[] {
  const states: NetworkState[] = [];
  // The first reading only sets the counters' baseline; start from one taken 2 s before.
  let current = state.last ? state : { ...state, last: sample(start - 2) };
  for (let i = 0; i < count; i++) {
    const previous = current.last;
    const received = (previous?.packetsReceived ?? 0) + 100 - lostEach;
    const lost = (previous?.packetsLost ?? 0) + lostEach;
    current = nextNetworkState(current, sample(start + i * 2, { packetsReceived: received, packetsLost: lost, ...fields }), sendingVideo);
    states.push(current);
  }
  return states;
}

describe('reading RTCStats', () => {
  const send: StatsEntry[] = [
    { type: 'transport', id: 'T1', selectedCandidatePairId: 'CP1' },
    { type: 'candidate-pair', id: 'CP1', state: 'succeeded', nominated: true, currentRoundTripTime: 0.12, availableOutgoingBitrate: 450_000 },
    { type: 'candidate-pair', id: 'CP2', state: 'failed', nominated: false, currentRoundTripTime: 3, availableOutgoingBitrate: 10 },
    { type: 'remote-inbound-rtp', id: 'RI1', kind: 'video', fractionLost: 0.02, roundTripTime: 0.2 },
    { type: 'remote-inbound-rtp', id: 'RI2', kind: 'audio', fractionLost: 0.05, roundTripTime: 0.1 },
    { type: 'outbound-rtp', id: 'O1', packetsSent: 999 },
  ];
  const recv: StatsEntry[] = [
    { type: 'transport', id: 'T2', selectedCandidatePairId: 'CP3' },
    { type: 'candidate-pair', id: 'CP3', state: 'succeeded', nominated: true, currentRoundTripTime: 0.3, availableOutgoingBitrate: 30_000 },
    { type: 'inbound-rtp', id: 'I1', kind: 'audio', packetsReceived: 500, packetsLost: 5 },
    { type: 'inbound-rtp', id: 'I2', kind: 'video', packetsReceived: 700, packetsLost: 15 },
  ];

  it('sums receive counters, takes the worst loss and round trip, and the bitrate of the send side only', () => {
    expect(sampleFromStats({ send, recv }, 1234)).toEqual({
      at: 1234,
      packetsReceived: 1200,
      packetsLost: 20,
      sendFractionLost: 0.05,
      roundTripTime: 0.3,
      availableOutgoingBitrate: 450_000,
    });
  });

  it('copes with empty reports and missing fields', () => {
    expect(sampleFromStats({ send: [], recv: [{ type: 'inbound-rtp' }] }, 0)).toEqual({
      at: 0,
      packetsReceived: 0,
      packetsLost: 0,
      sendFractionLost: undefined,
      roundTripTime: undefined,
      availableOutgoingBitrate: undefined,
    });
  });

  it('measures loss over an interval, not since the start, and only with enough packets', () => {
    const a = sample(0, { packetsReceived: 1000, packetsLost: 500 });
    expect(intervalLoss(a, sample(2, { packetsReceived: 1090, packetsLost: 510 }))).toBeCloseTo(0.1);
    expect(intervalLoss(a, sample(2, { packetsReceived: 1005, packetsLost: 500 }))).toBeUndefined();
    expect(intervalLoss(undefined, a)).toBeUndefined();
    // Counters went back (new transports): no verdict from this interval.
    expect(intervalLoss(a, sample(2, { packetsReceived: 10, packetsLost: 0 }))).toBeUndefined();
  });
});

describe('one reading’s verdict', () => {
  const previous = sample(0, { packetsReceived: 1000, packetsLost: 0 });
  const current = (lost: number, fields: Partial<NetworkSample> = {}) => sample(2, { packetsReceived: 1000 + 100 - lost, packetsLost: lost, ...fields });

  it('is poor on heavy loss, long round trips or a starved sender', () => {
    expect(assess(previous, current(15), true)).toBe('poor');
    expect(assess(previous, current(0, { sendFractionLost: 0.2 }), true)).toBe('poor');
    expect(assess(previous, current(0, { roundTripTime: 1.2 }), true)).toBe('poor');
    expect(assess(previous, current(0, { availableOutgoingBitrate: 80_000 }), true)).toBe('poor');
  });

  it('is good only under the stricter limits; in between it is fair', () => {
    expect(assess(previous, current(1), true)).toBe('good');
    expect(assess(previous, current(6), true)).toBe('fair');
    expect(assess(previous, current(0, { roundTripTime: 0.6 }), true)).toBe('fair');
    expect(assess(previous, current(0, { availableOutgoingBitrate: 200_000 }), true)).toBe('fair');
  });

  it('ignores the bitrate estimate while video is stepped down', () => {
    expect(assess(previous, current(0, { availableOutgoingBitrate: 50_000 }), false)).toBe('good');
  });

  it('is good with nothing to judge (no packets yet, no round trip)', () => {
    expect(assess(undefined, sample(0, { roundTripTime: undefined, availableOutgoingBitrate: undefined }), true)).toBe('good');
  });
});

describe('stepping down to audio and back up', () => {
  it('stays on video through a short bad patch', () => {
    const states = run(initialNetworkState, 0, 3, 20); // poor at 0, 2 and 4 s
    expect(states.map((s) => s.quality)).toEqual(['poor', 'poor', 'poor']);
    expect(states.every((s) => !s.audioOnly)).toBe(true);
    const recovered = run(states.at(-1)!, 6, 1, 0)[0]!;
    expect(recovered).toMatchObject({ quality: 'good', audioOnly: false });
  });

  it('steps down after about 6 s of poor readings', () => {
    const states = run(initialNetworkState, 0, 5, 20);
    expect(states.map((s) => s.audioOnly)).toEqual([false, false, false, true, true]);
  });

  it('steps back up only after about 10 s of good readings', () => {
    const down = run(initialNetworkState, 0, 4, 20).at(-1)!;
    expect(down.audioOnly).toBe(true);
    const up = run(down, 8, 7, 0);
    // Good from 8 s: still audio at 8..16 s, video again at 18 s.
    expect(up.map((s) => s.audioOnly)).toEqual([true, true, true, true, true, false, false]);
    expect(up[0]!.quality).toBe('good');
  });

  it('a fair reading interrupts a run: the clock starts again', () => {
    let state = run(initialNetworkState, 0, 2, 20).at(-1)!; // poor at 0 and 2 s
    state = run(state, 4, 1, 6)[0]!; // fair at 4 s
    expect(state).toMatchObject({ quality: 'poor', poorSince: undefined });
    state = run(state, 6, 3, 20).at(-1)!; // poor at 6, 8, 10 s
    expect(state.audioOnly).toBe(false);
    state = run(state, 12, 1, 20)[0]!; // 6 s of poor since 6 s
    expect(state.audioOnly).toBe(true);
  });

  it('a single bad reading during recovery restarts the 10 s', () => {
    let state = run(initialNetworkState, 0, 4, 20).at(-1)!;
    state = run(state, 8, 4, 0).at(-1)!; // good 8..14 s
    state = run(state, 16, 1, 20)[0]!; // poor again
    expect(state).toMatchObject({ quality: 'poor', audioOnly: true });
    const again = run(state, 18, 6, 0);
    expect(again.map((s) => s.audioOnly)).toEqual([true, true, true, true, true, false]);
  });

  it('ignores a low estimate while the member sends no video (camera off)', () => {
    const states = run(initialNetworkState, 0, 6, 0, { availableOutgoingBitrate: 60_000 }, false);
    expect(states.every((s) => s.quality === 'good' && !s.audioOnly)).toBe(true);
  });

  it('does not hold audio-only because the sender’s estimate stays low with video off', () => {
    const down = run(initialNetworkState, 0, 4, 0, { availableOutgoingBitrate: 60_000 }).at(-1)!;
    expect(down.audioOnly).toBe(true);
    const up = run(down, 8, 6, 0, { availableOutgoingBitrate: 60_000 });
    expect(up.at(-1)!.audioOnly).toBe(false);
  });
});
