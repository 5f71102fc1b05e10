/**
 * Decides from WebRTC statistics whether this device's network is good enough for video, and
 * when to step down to audio only and back. Pure: the caller reads the transports' RTCStats
 * every couple of seconds and feeds them in; nothing here touches the browser.
 *
 * Hysteresis on two levels, so a call does not flap between video and audio:
 * - thresholds: a reading turns the quality poor only past the "poor" limits and good again
 *   only under the stricter "good" limits; readings in between keep the current quality;
 * - time: the step down to audio comes after poor readings for `stepDownAfterMs`, the step back
 *   up after good readings for the longer `stepUpAfterMs`.
 */

/** One entry of an RTCStatsReport, as far as this module reads it. */
export interface StatsEntry {
  type: string;
  [field: string]: unknown;
}

/** What one reading of both transports says, with cumulative counters. */
export interface NetworkSample {
  /** When it was read, in ms. */
  at: number;
  /** Summed over the received streams (inbound-rtp), since the transport opened. */
  packetsReceived: number;
  packetsLost: number;
  /** Loss the server reports for what this device sends (remote-inbound-rtp), 0-1, the worst stream. */
  sendFractionLost: number | undefined;
  /** Round-trip time of the selected candidate pairs (and RTCP), in seconds, the worst. */
  roundTripTime: number | undefined;
  /** The sender's bandwidth estimate, bits/s (send transport's selected pair). */
  availableOutgoingBitrate: number | undefined;
}

export type NetworkVerdict = 'good' | 'fair' | 'poor';

export interface NetworkThresholds {
  poorLoss: number;
  goodLoss: number;
  poorRttSeconds: number;
  goodRttSeconds: number;
  poorBitrate: number;
  goodBitrate: number;
  /** Fewer packets than this in an interval say nothing about loss. */
  minPackets: number;
  stepDownAfterMs: number;
  stepUpAfterMs: number;
}

export const DEFAULT_THRESHOLDS: NetworkThresholds = {
  poorLoss: 0.1,
  goodLoss: 0.03,
  poorRttSeconds: 0.8,
  goodRttSeconds: 0.4,
  poorBitrate: 120_000,
  goodBitrate: 250_000,
  minPackets: 20,
  stepDownAfterMs: 6_000,
  stepUpAfterMs: 10_000,
};

export interface NetworkState {
  quality: 'good' | 'poor';
  /** Video is paused (sent and received) because of the network. */
  audioOnly: boolean;
  /** Start of the current run of poor readings, or of good ones. */
  poorSince: number | undefined;
  goodSince: number | undefined;
  last: NetworkSample | undefined;
}

export const initialNetworkState: NetworkState = { quality: 'good', audioOnly: false, poorSince: undefined, goodSince: undefined, last: undefined };

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function maxDefined(values: Array<number | undefined>): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length > 0 ? Math.max(...defined) : undefined;
}

/** The candidate pair a transport actually uses. */
function selectedPairs(entries: readonly StatsEntry[]): StatsEntry[] {
  const transportSelected = new Set(entries.filter((e) => e.type === 'transport' && typeof e.selectedCandidatePairId === 'string').map((e) => e.selectedCandidatePairId as string));
  return entries.filter((e) => e.type === 'candidate-pair' && (transportSelected.has(e.id as string) || (e.nominated === true && e.state === 'succeeded')));
}

/**
 * Reads one sample from the reports of the send and the receive transport. The outgoing bitrate
 * is taken from the send transport only: the receive side sends nothing but RTCP, and its estimate
 * says nothing about what the device could send.
 */
export function sampleFromStats(report: { send: readonly StatsEntry[]; recv: readonly StatsEntry[] }, at: number): NetworkSample {
  const all = [...report.send, ...report.recv];
  let packetsReceived = 0;
  let packetsLost = 0;
  for (const entry of report.recv) {
    if (entry.type !== 'inbound-rtp') continue;
    packetsReceived += num(entry.packetsReceived) ?? 0;
    packetsLost += Math.max(0, num(entry.packetsLost) ?? 0);
  }
  const remoteInbound = report.send.filter((e) => e.type === 'remote-inbound-rtp');
  const sendPairs = selectedPairs(report.send);
  return {
    at,
    packetsReceived,
    packetsLost,
    sendFractionLost: maxDefined(remoteInbound.map((e) => num(e.fractionLost))),
    roundTripTime: maxDefined([...selectedPairs(all).map((e) => num(e.currentRoundTripTime)), ...remoteInbound.map((e) => num(e.roundTripTime))]),
    availableOutgoingBitrate: maxDefined(sendPairs.map((e) => num(e.availableOutgoingBitrate))),
  };
}

/** Receive loss over the interval between two samples, when enough packets went by to tell. */
export function intervalLoss(previous: NetworkSample | undefined, current: NetworkSample, minPackets = DEFAULT_THRESHOLDS.minPackets): number | undefined {
  if (!previous) return undefined;
  const received = current.packetsReceived - previous.packetsReceived;
  const lost = current.packetsLost - previous.packetsLost;
  // Counters restart when transports are replaced; such an interval says nothing.
  if (received < 0 || lost < 0) return undefined;
  const total = received + lost;
  return total >= minPackets ? lost / total : undefined;
}

/**
 * One reading's verdict. `considerBitrate` is false while video is already stepped down: with
 * only audio going out, the estimate stays low and must not hold the call in audio forever.
 */
export function assess(previous: NetworkSample | undefined, current: NetworkSample, considerBitrate: boolean, t: NetworkThresholds = DEFAULT_THRESHOLDS): NetworkVerdict {
  const loss = maxDefined([intervalLoss(previous, current, t.minPackets), current.sendFractionLost]);
  const rtt = current.roundTripTime;
  const bitrate = considerBitrate ? current.availableOutgoingBitrate : undefined;
  if ((loss !== undefined && loss > t.poorLoss) || (rtt !== undefined && rtt > t.poorRttSeconds) || (bitrate !== undefined && bitrate < t.poorBitrate)) return 'poor';
  const lossGood = loss === undefined || loss < t.goodLoss;
  const rttGood = rtt === undefined || rtt < t.goodRttSeconds;
  const bitrateGood = bitrate === undefined || bitrate >= t.goodBitrate;
  return lossGood && rttGood && bitrateGood ? 'good' : 'fair';
}

/**
 * The state after one more sample. `sendingVideo`: the camera is being sent now; without video
 * going out (camera off, audio only) the sender's estimate sinks and says nothing of the network.
 */
export function nextNetworkState(state: NetworkState, sample: NetworkSample, sendingVideo = true, t: NetworkThresholds = DEFAULT_THRESHOLDS): NetworkState {
  const verdict = assess(state.last, sample, sendingVideo && !state.audioOnly, t);
  const now = sample.at;
  let { quality, audioOnly, poorSince, goodSince } = state;
  if (verdict === 'poor') {
    quality = 'poor';
    poorSince ??= now;
    goodSince = undefined;
  } else if (verdict === 'good') {
    quality = 'good';
    goodSince ??= now;
    poorSince = undefined;
  } else {
    // In between: the quality stays, but neither run continues.
    poorSince = undefined;
    goodSince = undefined;
  }
  if (!audioOnly && poorSince !== undefined && now - poorSince >= t.stepDownAfterMs) audioOnly = true;
  else if (audioOnly && goodSince !== undefined && now - goodSince >= t.stepUpAfterMs) audioOnly = false;
  return { quality, audioOnly, poorSince, goodSince, last: sample };
}
