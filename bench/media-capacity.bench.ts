/**
 * Media forwarding capacity of one worker core: how many mediation rooms (four members each
 * sending VP8 in three simulcast layers and opus, each receiving the other three) one mediasoup
 * worker carries before loss or forwarding delay degrades.
 *
 * The members are synthetic (bench/rtp-load.ts): one Node process sends every stream to plain
 * RTP transports on loopback. Receiving costs Node about as much as the worker's forwarding, so
 * the generator reads and measures only the streams of `--measured` members per room (1 by
 * default: a quarter of the consumers, covering every other member's streams); the other
 * members' consumers are sent to a socket nobody reads, where the kernel drops them (the worker
 * does the same work for them). The number of rooms is ramped on ONE worker; at each step, after
 * a settling pause, a window measures the worker's CPU (/proc/<pid>/stat) and its time waiting
 * for a core (schedstat), loss (RTP sequence gaps per measured consumer, less what the generator's
 * own socket buffers dropped, and the kernel's drops on the worker's ingest sockets for every
 * stream), one-way delay from send to receipt, and the generator's CPU.
 *
 * "ours" builds the rooms through the app's media layer (WorkerPool, MediaRooms, MediaRoom with
 * its plain transports: the router's codecs, the active-speaker observer, consumers that start
 * paused and are resumed); "baseline" is a minimal script doing the same routing with bare
 * mediasoup calls on a worker with the same settings. Both run in this process, one after the
 * other, alternating over repeats; figures per step are medians over repeats.
 *
 * The knee is the largest number of rooms at which this step and every smaller one had: loss
 * below 0.1 %, worker CPU at most 80 % of one core, delay p99 at most 50 ms, every consumer
 * receiving and at least 97 % of the top layers' packets forwarded (the SFU did not fall back to
 * lower layers), and a generator that kept up (sent ≥ 99 % of its schedule). If the generator is
 * what falls behind first, the knee is reported as a lower bound.
 *
 * Run: npx tsx bench/media-capacity.bench.ts [--rooms=5,10,...] [--repeats=2] [--window=8] [--settle=3]
 * Writes bench/results/media-capacity.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { types } from 'mediasoup';
import type { MediaConfig } from '../server/config.ts';
import { rootLogger } from '../server/logger.ts';
import { MediaRooms } from '../server/media/media-rooms.ts';
import { findWorkerBinary } from '../server/media/worker-binary.mjs';
import { WorkerPool } from '../server/media/worker-pool.ts';
import { AUDIO_PACKETS_PER_SECOND, AUDIO_PT, processTimes, RtpLoadGenerator, sumDrops, udpDropsByPort, VIDEO_PT, videoPacketsPerSecond, type Address, type WindowStats } from './rtp-load.ts';

const option = (name: string, fallback: string): string => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const STEPS = option('rooms', '5,10,15,20,25,30,35,40,45,50,60').split(',').map(Number);
const REPEATS = Number(option('repeats', '2'));
const WINDOW_S = Number(option('window', '8'));
const SETTLE_S = Number(option('settle', '4'));
/** Members per room whose received streams the generator reads and measures; the others' go to a sink. */
const MEASURED = Number(option('measured', '1'));
const LAYER_KBPS = [150, 500, 1200];
const MEMBERS = 4;
const KNEE = { lossPct: 0.1, cpuPct: 80, delayP99Ms: 50, generatorKeptUp: 0.99, forwardedOfNominal: 0.97 };
/** What a room's measured consumers should receive per second when every one gets the top layer. */
const NOMINAL_OUT_PER_ROOM = MEASURED * (MEMBERS - 1) * (videoPacketsPerSecond(LAYER_KBPS[LAYER_KBPS.length - 1]!) + AUDIO_PACKETS_PER_SECOND);

const config: MediaConfig = {
  workerCount: 1,
  logLevel: 'warn',
  listenIp: '127.0.0.1',
  announcedAddress: undefined,
  webRtcPort: 0,
  rtcMinPort: 42000,
  rtcMaxPort: 44999,
  maxPeersPerRoom: MEMBERS,
};

const videoFeedback = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];

/** What a member sends: VP8 in three SSRC-signalled simulcast layers (lowest first), opus. */
function videoParameters(ssrcs: number[], cname: string): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000, rtcpFeedback: videoFeedback }],
    encodings: ssrcs.map((ssrc) => ({ ssrc })),
    rtcp: { cname, reducedSize: true },
  };
}

function audioParameters(ssrc: number, cname: string): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc }],
    rtcp: { cname, reducedSize: true },
  };
}

/**
 * What the synthetic receiver accepts: opus and VP8 (with RTX) with NACK and PLI, but no
 * header extensions and no transport-cc or REMB. It sends no bandwidth feedback, so the SFU
 * runs no bandwidth estimation and forwards each member's top layer (the heaviest case).
 */
function receiverCapabilities(router: types.RtpCapabilities): types.RtpCapabilities {
  const codecs = (router.codecs ?? [])
    .filter((codec) => codec.mimeType === 'audio/opus' || codec.mimeType === 'video/VP8' || (codec.mimeType === 'video/rtx' && router.codecs?.some((c) => c.mimeType === 'video/VP8' && c.preferredPayloadType === codec.parameters?.apt)))
    .map((codec) => ({ ...codec, rtcpFeedback: (codec.rtcpFeedback ?? []).filter((fb) => fb.type === 'nack' || fb.type === 'ccm') }));
  return { codecs, headerExtensions: [] };
}

interface Member {
  videoSsrcs: number[];
  audioSsrc: number;
  cname: string;
}

function membersOf(room: number): Member[] {
  return Array.from({ length: MEMBERS }, (_, m) => {
    const base = 100_000 + (room * MEMBERS + m) * 10;
    return { videoSsrcs: [base + 1, base + 2, base + 3], audioSsrc: base + 4, cname: `room${room}-member${m}` };
  });
}

/** One way of building the same rooms on one worker. */
interface Sfu {
  workerPid: number;
  /** Builds room `index`, registers its streams with the generator; returns the worker's ingest ports. */
  addRoom(index: number, generator: RtpLoadGenerator): Promise<number[]>;
  close(): Promise<void>;
}

/** mediasoup reads MEDIASOUP_WORKER_BIN when first imported: set it the way WorkerPool does. */
async function loadMediasoup(): Promise<typeof import('mediasoup')> {
  const binary = findWorkerBinary();
  if (!binary) throw new Error('no mediasoup worker binary: run node scripts/setup.mjs --for=test');
  if (binary.source === 'cache') process.env.MEDIASOUP_WORKER_BIN = binary.path;
  return import('mediasoup');
}

/** The baseline: the same routing with bare mediasoup calls and nothing else. */
async function startBaseline(): Promise<Sfu> {
  const mediasoup = await loadMediasoup();
  const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: config.rtcMinPort, rtcMaxPort: config.rtcMaxPort });
  const mediaCodecs: types.RouterRtpCodecCapability[] = [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  ];
  const listenInfo = { protocol: 'udp' as const, ip: '127.0.0.1' };
  return {
    workerPid: worker.pid,
    async addRoom(index, generator) {
      const router = await worker.createRouter({ mediaCodecs });
      const ingestPorts: number[] = [];
      const producers: Array<{ member: number; producer: types.Producer }> = [];
      for (const [m, member] of membersOf(index).entries()) {
        const send = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
        await send.connect(generator.senderAddress);
        producers.push({ member: m, producer: await send.produce({ kind: 'audio', rtpParameters: audioParameters(member.audioSsrc, member.cname) }) });
        producers.push({ member: m, producer: await send.produce({ kind: 'video', rtpParameters: videoParameters(member.videoSsrcs, member.cname) }) });
        const target: Address = { ip: send.tuple.localAddress, port: send.tuple.localPort };
        ingestPorts.push(target.port);
        generator.addAudio(member.audioSsrc, target);
        generator.addVideo(member.videoSsrcs, LAYER_KBPS, target);
      }
      const capabilities = receiverCapabilities(router.rtpCapabilities);
      for (let m = 0; m < MEMBERS; m++) {
        const measured = m < MEASURED;
        const recv = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
        await recv.connect(measured ? generator.receiverAddress(index * MEMBERS + m) : generator.sinkAddress);
        for (const { member, producer } of producers) {
          if (member === m) continue;
          const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: capabilities });
          if (measured) generator.expect(consumer.rtpParameters.encodings![0]!.ssrc!);
        }
      }
      return ingestPorts;
    },
    async close() {
      const exited = new Promise<void>((resolve) => worker.once('subprocessclose', () => resolve()));
      worker.close();
      await exited;
    },
  };
}

/** Ours: the rooms through the app's media layer, as a plain-RTP gateway would join them. */
async function startOurs(): Promise<Sfu> {
  const log = rootLogger.child({ module: 'bench' });
  log.level = 'warn';
  const pool = await WorkerPool.start(config, log);
  const rooms = new MediaRooms(pool, config, () => undefined, log);
  return {
    workerPid: pool.pids[0]!,
    async addRoom(index, generator) {
      const room = await rooms.getOrCreate(`bench-room-${index}`);
      const members = membersOf(index);
      const peers = members.map((member) => room.join(member.cname));
      const ingestPorts: number[] = [];
      for (const [m, member] of members.entries()) {
        const peer = peers[m]!;
        const send = await room.createPlainTransport(peer, 'send', generator.senderAddress);
        await room.produce(peer, { transportId: send.transportId, kind: 'audio', source: 'microphone', rtpParameters: audioParameters(member.audioSsrc, member.cname) });
        await room.produce(peer, { transportId: send.transportId, kind: 'video', source: 'camera', rtpParameters: videoParameters(member.videoSsrcs, member.cname) });
        const target: Address = { ip: send.ip, port: send.port };
        ingestPorts.push(send.port);
        generator.addAudio(member.audioSsrc, target);
        generator.addVideo(member.videoSsrcs, LAYER_KBPS, target);
      }
      const capabilities = receiverCapabilities(room.rtpCapabilities);
      for (const [m, peer] of peers.entries()) {
        const measured = m < MEASURED;
        await room.createPlainTransport(peer, 'recv', measured ? generator.receiverAddress(index * MEMBERS + m) : generator.sinkAddress);
        peer.rtpCapabilities = capabilities;
        for (const { producerId } of room.producersVisibleTo(peer)) {
          const consumer = await room.consume(peer, producerId);
          if (measured) generator.expect(consumer.rtpParameters.encodings![0]!.ssrc!);
          await room.setConsumerWanted(peer, consumer.consumerId, true);
        }
      }
      return ingestPorts;
    },
    async close() {
      rooms.closeAll();
      await pool.close();
    },
  };
}

interface Step {
  rooms: number;
  /** All consumers on the worker, and those whose packets the generator measured. */
  consumers: number;
  measuredConsumers: number;
  /** Packets per second sent to the worker, and forwarded by it (measured consumers' rate scaled to all consumers). */
  inPacketsPerS: number;
  outPacketsPerS: number;
  /** outPacketsPerS against every consumer on the top layer: lower means the SFU dropped to lower layers. */
  forwardedOfNominal: number;
  workerCpuPct: number;
  /** Time the worker spent ready to run but waiting for a core (other processes had it). */
  workerRunQueueWaitPct: number;
  /** Worker CPU per packet it received or sent. */
  workerCpuUsPerPacket: number | null;
  lossPct: number;
  /** Of the lost packets, those dropped by the generator's own receive buffers (not the SFU's doing). */
  generatorDropPct: number;
  /** Packets the kernel dropped because the worker did not read its sockets fast enough, % of those sent to it. */
  workerIngestDropPct: number;
  silentConsumers: number;
  delayP50Ms: number | null;
  delayP99Ms: number | null;
  generatorCpuPct: number;
  generatorKeptUp: number;
  loadAverage: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One ramp on a fresh worker: rooms are added step by step while the load keeps running. */
async function ramp(kind: 'baseline' | 'ours'): Promise<Step[]> {
  const sfu = kind === 'ours' ? await startOurs() : await startBaseline();
  const generator = await RtpLoadGenerator.start();
  const steps: Step[] = [];
  const ingestPorts: number[] = [];
  try {
    generator.run();
    let rooms = 0;
    for (const target of STEPS) {
      while (rooms < target) ingestPorts.push(...(await sfu.addRoom(rooms++, generator)));
      await sleep(SETTLE_S * 1000);
      const dropsBefore = udpDropsByPort();
      const timesBefore = processTimes(sfu.workerPid);
      generator.resetWindow();
      await sleep(WINDOW_S * 1000);
      const w: WindowStats = generator.window();
      const timesAfter = processTimes(sfu.workerPid);
      const dropsAfter = udpDropsByPort();
      const generatorDrops = sumDrops(dropsAfter, generator.receiverPorts) - sumDrops(dropsBefore, generator.receiverPorts);
      const workerIngestDrops = sumDrops(dropsAfter, ingestPorts) - sumDrops(dropsBefore, ingestPorts);
      const workerCpuS = timesAfter.cpuS - timesBefore.cpuS;
      const consumers = rooms * MEMBERS * (MEMBERS - 1) * 2;
      const forwarded = w.expectedPackets * (consumers / Math.max(1, generator.expectedConsumers));
      const step: Step = {
        rooms,
        consumers,
        measuredConsumers: generator.expectedConsumers,
        inPacketsPerS: Math.round(w.sentPackets / w.durationS),
        outPacketsPerS: Math.round(forwarded / w.durationS),
        forwardedOfNominal: +(w.expectedPackets / w.durationS / (rooms * NOMINAL_OUT_PER_ROOM)).toFixed(3),
        workerCpuPct: +((workerCpuS / w.durationS) * 100).toFixed(1),
        workerRunQueueWaitPct: +(((timesAfter.runQueueWaitS - timesBefore.runQueueWaitS) / w.durationS) * 100).toFixed(1),
        workerCpuUsPerPacket: forwarded ? +((workerCpuS * 1e6) / (forwarded + w.sentPackets)).toFixed(2) : null,
        lossPct: w.expectedPackets ? +((Math.max(0, w.lostPackets - generatorDrops) / w.expectedPackets) * 100).toFixed(3) : 100,
        generatorDropPct: w.expectedPackets ? +((generatorDrops / w.expectedPackets) * 100).toFixed(3) : 0,
        workerIngestDropPct: w.sentPackets ? +((workerIngestDrops / w.sentPackets) * 100).toFixed(3) : 0,
        silentConsumers: w.silentConsumers,
        delayP50Ms: w.delayP50Ms,
        delayP99Ms: w.delayP99Ms,
        generatorCpuPct: w.generatorCpuPct,
        generatorKeptUp: w.offeredPackets ? +(w.sentPackets / w.offeredPackets).toFixed(3) : 1,
        loadAverage: +os.loadavg()[0]!.toFixed(2),
      };
      steps.push(step);
      console.log(
        `[${kind}] ${rooms} rooms, ${step.consumers} consumers (${step.measuredConsumers} measured): worker ${step.workerCpuPct}% (waited ${step.workerRunQueueWaitPct}%), loss ${step.lossPct}% (+${step.generatorDropPct}% in the generator), worker socket drops ${step.workerIngestDropPct}%, silent ${step.silentConsumers}, delay p50/p99 ${step.delayP50Ms}/${step.delayP99Ms} ms, in/out ${step.inPacketsPerS}/${step.outPacketsPerS} pps (${(step.forwardedOfNominal * 100).toFixed(1)}% of nominal), generator ${step.generatorCpuPct}% kept up ${step.generatorKeptUp}, load ${step.loadAverage}`,
      );
      // Well past the knee: further steps only take time.
      if (step.workerCpuPct > 95 || step.lossPct > 2 || step.generatorKeptUp < 0.9) break;
    }
  } finally {
    generator.close();
    await sfu.close();
  }
  return steps;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per number of rooms, the median of every figure over the repeats that reached it. */
function medianSteps(runs: Step[][]): Step[] {
  const byRooms = new Map<number, Step[]>();
  for (const run of runs) for (const step of run) byRooms.set(step.rooms, [...(byRooms.get(step.rooms) ?? []), step]);
  return [...byRooms.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rooms, steps]) => {
      const pick = (key: keyof Step) => {
        const values = steps.map((s) => s[key]).filter((v): v is number => typeof v === 'number');
        return values.length ? +median(values).toFixed(3) : null;
      };
      return {
        rooms,
        consumers: steps[0]!.consumers,
        measuredConsumers: steps[0]!.measuredConsumers,
        inPacketsPerS: pick('inPacketsPerS')!,
        outPacketsPerS: pick('outPacketsPerS')!,
        forwardedOfNominal: pick('forwardedOfNominal')!,
        workerCpuPct: pick('workerCpuPct')!,
        workerRunQueueWaitPct: pick('workerRunQueueWaitPct')!,
        workerCpuUsPerPacket: pick('workerCpuUsPerPacket'),
        lossPct: pick('lossPct')!,
        generatorDropPct: pick('generatorDropPct')!,
        workerIngestDropPct: pick('workerIngestDropPct')!,
        silentConsumers: Math.max(...steps.map((s) => s.silentConsumers)),
        delayP50Ms: pick('delayP50Ms'),
        delayP99Ms: pick('delayP99Ms'),
        generatorCpuPct: pick('generatorCpuPct')!,
        generatorKeptUp: pick('generatorKeptUp')!,
        loadAverage: pick('loadAverage')!,
      };
    });
}

function failedCriteria(step: Step): string[] {
  const failed: string[] = [];
  if (step.lossPct >= KNEE.lossPct) failed.push(`loss ${step.lossPct}%`);
  if (step.workerIngestDropPct >= KNEE.lossPct) failed.push(`${step.workerIngestDropPct}% dropped before the worker read them`);
  if (step.workerCpuPct > KNEE.cpuPct) failed.push(`worker CPU ${step.workerCpuPct}%`);
  if (step.delayP99Ms === null || step.delayP99Ms > KNEE.delayP99Ms) failed.push(`delay p99 ${step.delayP99Ms} ms`);
  if (step.forwardedOfNominal < KNEE.forwardedOfNominal) failed.push(`only ${(step.forwardedOfNominal * 100).toFixed(1)}% of the top layers' packets forwarded`);
  if (step.silentConsumers > 0) failed.push(`${step.silentConsumers} silent consumers`);
  if (step.generatorKeptUp < KNEE.generatorKeptUp) failed.push(`generator sent ${(step.generatorKeptUp * 100).toFixed(1)}% of its schedule`);
  return failed;
}

interface Knee {
  rooms: number;
  consumers: number;
  /** The last step tried passed: the true knee is higher. */
  lowerBound: boolean;
  /** Why the next step failed. */
  limitedBy: string;
  workerCpuPct: number | null;
  /** Worker CPU per forwarded stream at the knee, in % of one core. */
  cpuPctPerConsumer: number | null;
  /** The slope of worker CPU against consumers over the passing steps (least squares), % of a core per consumer. */
  marginalCpuPctPerConsumer: number | null;
}

function knee(steps: Step[]): Knee {
  let last: Step | undefined;
  let limitedBy = 'not reached in the steps tried';
  for (const step of steps) {
    const failed = failedCriteria(step);
    if (failed.length) {
      limitedBy = `${step.rooms} rooms: ${failed.join(', ')}`;
      break;
    }
    last = step;
  }
  const passing = steps.filter((s) => last && s.rooms <= last.rooms);
  let slope: number | null = null;
  if (passing.length >= 2) {
    const mx = passing.reduce((sum, s) => sum + s.consumers, 0) / passing.length;
    const my = passing.reduce((sum, s) => sum + s.workerCpuPct, 0) / passing.length;
    const sxx = passing.reduce((sum, s) => sum + (s.consumers - mx) ** 2, 0);
    const sxy = passing.reduce((sum, s) => sum + (s.consumers - mx) * (s.workerCpuPct - my), 0);
    slope = sxx ? +(sxy / sxx).toFixed(4) : null;
  }
  return {
    rooms: last?.rooms ?? 0,
    consumers: last?.consumers ?? 0,
    lowerBound: last !== undefined && last === steps[steps.length - 1],
    limitedBy,
    workerCpuPct: last?.workerCpuPct ?? null,
    cpuPctPerConsumer: last ? +(last.workerCpuPct / last.consumers).toFixed(4) : null,
    marginalCpuPctPerConsumer: slope,
  };
}

const f = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits));

async function main(): Promise<void> {
  const runs: Record<'baseline' | 'ours', Step[][]> = { baseline: [], ours: [] };
  for (let r = 0; r < REPEATS; r++) {
    // Alternate which goes first, so a drift in the machine's load does not favour one.
    const order: Array<'baseline' | 'ours'> = r % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline'];
    for (const kind of order) runs[kind].push(await ramp(kind));
  }
  const baseline = medianSteps(runs.baseline);
  const ours = medianSteps(runs.ours);
  const kneeBaseline = knee(baseline);
  const kneeOurs = knee(ours);

  console.log(
    `\nMedia forwarding capacity of one worker: rooms of ${MEMBERS}, each member sending VP8 simulcast ${LAYER_KBPS.join('/')} kbps (30 fps, ≤1200-byte packets) + opus (50 pps) over plain RTP and receiving the other ${MEMBERS - 1} (top layer, no bandwidth estimation); ${MEASURED} member(s) per room measured end to end; ${WINDOW_S} s windows after ${SETTLE_S} s settling, medians of ${REPEATS} ramps; ${os.cpus().length} cores, shared by the worker, the generator and whatever else runs\n`,
  );
  console.log('| rooms | consumers (measured) | packets/s in / out | worker CPU, baseline / ours | ours / baseline | worker µs per packet, baseline / ours | loss (worker socket drops), baseline / ours | delay p50 / p99 ms, baseline | delay p50 / p99 ms, ours | worker waited for a core, baseline / ours | generator CPU, ours |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  const loss = (x: Step) => `${f(x.lossPct, 2)} (${f(x.workerIngestDropPct, 2)}) %`;
  for (const o of ours) {
    const b = baseline.find((s) => s.rooms === o.rooms);
    console.log(
      `| ${o.rooms} | ${o.consumers} (${o.measuredConsumers}) | ${Math.round(o.inPacketsPerS)} / ${Math.round(o.outPacketsPerS)} | ${b ? f(b.workerCpuPct) : '–'} / ${f(o.workerCpuPct)} % | ${b?.workerCpuPct ? (o.workerCpuPct / b.workerCpuPct).toFixed(2) : '–'} | ${b ? f(b.workerCpuUsPerPacket, 2) : '–'} / ${f(o.workerCpuUsPerPacket, 2)} | ${b ? loss(b) : '–'} / ${loss(o)} | ${b ? `${f(b.delayP50Ms)} / ${f(b.delayP99Ms)}` : '–'} | ${f(o.delayP50Ms)} / ${f(o.delayP99Ms)} | ${b ? f(b.workerRunQueueWaitPct) : '–'} / ${f(o.workerRunQueueWaitPct)} % | ${f(o.generatorCpuPct)} % |`,
    );
  }
  for (const b of baseline.filter((x) => !ours.some((o) => o.rooms === x.rooms))) {
    console.log(`| ${b.rooms} | ${b.consumers} (${b.measuredConsumers}) | ${Math.round(b.inPacketsPerS)} / ${Math.round(b.outPacketsPerS)} | ${f(b.workerCpuPct)} / – % | – | ${f(b.workerCpuUsPerPacket, 2)} / – | ${loss(b)} / – | ${f(b.delayP50Ms)} / ${f(b.delayP99Ms)} | – | ${f(b.workerRunQueueWaitPct)} / – % | – |`);
  }
  const describe = (k: Knee) =>
    `${k.lowerBound ? '≥ ' : ''}${k.rooms} rooms (${k.consumers} consumers) at ${f(k.workerCpuPct)} % of the core; CPU per forwarded stream ${f(k.cpuPctPerConsumer, 3)} % of a core (marginal ${f(k.marginalCpuPctPerConsumer, 3)} %); next: ${k.limitedBy}`;
  console.log(`\nKnee (loss < ${KNEE.lossPct} %, worker CPU ≤ ${KNEE.cpuPct} %, delay p99 ≤ ${KNEE.delayP99Ms} ms, every measured consumer receiving the top layer, generator kept up):`);
  console.log(`- baseline (bare mediasoup): ${describe(kneeBaseline)}`);
  console.log(`- ours (server/media): ${describe(kneeOurs)}`);
  console.log(`- knee ours/baseline: ${kneeBaseline.rooms ? (kneeOurs.rooms / kneeBaseline.rooms).toFixed(2) : '–'}`);
  // The issue's target names CPU and loss only; the knee above also asks for delay.
  const atTarget = ours.find((s) => s.rooms === 25);
  const targetMet = atTarget !== undefined && atTarget.lossPct === 0 && atTarget.workerIngestDropPct === 0 && atTarget.workerCpuPct <= KNEE.cpuPct && atTarget.forwardedOfNominal >= KNEE.forwardedOfNominal;
  console.log(
    `- target ≥ 25 rooms (600 consumers) per core at ≤ 80 % with no loss: ${atTarget ? `${targetMet ? 'met' : 'missed'} (ours at 25 rooms: ${f(atTarget.workerCpuPct)} % of the core, loss ${f(atTarget.lossPct, 3)} %, delay p99 ${f(atTarget.delayP99Ms)} ms)` : 'not measured (no 25-room step)'}`,
  );
  const most = [...ours].reverse().find((s) => s.lossPct === 0 && s.workerIngestDropPct === 0 && s.workerCpuPct <= KNEE.cpuPct && s.forwardedOfNominal >= KNEE.forwardedOfNominal);
  if (most) console.log(`- ours, most rooms with no loss at ≤ ${KNEE.cpuPct} % of the core (delay not considered): ${most.rooms} (${most.consumers} consumers) at ${f(most.workerCpuPct)} %`);
  await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
  await fs.writeFile(
    path.join(import.meta.dirname, 'results', 'media-capacity.json'),
    JSON.stringify(
      { measuredAt: new Date().toISOString(), settings: { steps: STEPS, repeats: REPEATS, windowS: WINDOW_S, settleS: SETTLE_S, layerKbps: LAYER_KBPS, members: MEMBERS, knee: KNEE }, baseline, ours, kneeBaseline, kneeOurs, runs },
      null,
      2,
    ),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
