/**
 * A synthetic RTP load generator in Node for the media capacity benchmark: it sends what a
 * browser in a call sends (VP8 simulcast in three SSRCs, opus every 20 ms) to plain transports,
 * receives what the SFU forwards, and measures loss (RTP sequence gaps per consumer) and one-way
 * forwarding delay (a send timestamp in the last 16 bytes of every packet; sender and receiver
 * share this process's clock).
 *
 * mediasoup's simulcast consumer starts forwarding a layer only on a keyframe and drops packets
 * whose VP8 payload descriptor it cannot parse, so video packets carry a real descriptor (extended,
 * 15-bit pictureId, TL0PICIDX, TID 0) and the first packet of a keyframe has the VP8 payload
 * header's inverse key-frame bit cleared (see worker/src/RTC/Codecs/VP8.cpp). Keyframes are sent on
 * PLI or FIR from the SFU and every few seconds. Every stream also sends an RTCP sender report
 * each second, as browsers do: a simulcast consumer switches to a layer other than its first only
 * once both layers' sender reports have tied their RTP clocks together (CanSwitchToSpatialLayer in
 * SimulcastConsumer.cpp); without them every consumer would stay on whichever layer started first.
 * Frames are not real VP8: nothing decodes them.
 */
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';

export const VIDEO_PT = 101;
export const AUDIO_PT = 100;
const PACKET_BYTES = 1200;
const AUDIO_PAYLOAD_BYTES = 80; // opus at ~32 kbps, 20 ms frames
const TRAILER_BYTES = 16; // stream tag u32, counter u32, send time f64 (ms, performance.now())
const KEYFRAME_EVERY_MS = 5000;
const SENDER_REPORT_EVERY_MS = 1000;
/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;
const FPS = 30;
/** A generator that falls this far behind skips ahead; the missed packets count as not offered. */
const MAX_CATCH_UP_MS = 1000;
const HISTOGRAM_STEP_MS = 0.1;
const HISTOGRAM_BUCKETS = 30_000; // up to 3 s

export interface Address {
  ip: string;
  port: number;
}

interface SendStream {
  kind: 'audio' | 'video';
  ssrc: number;
  target: Address;
  intervalMs: number;
  /** Payload sizes of one frame's packets (RTP header included). */
  packetSizes: number[];
  nextAt: number;
  seq: number;
  timestamp: number;
  timestampStep: number;
  pictureId: number;
  tl0: number;
  clockRate: number;
  keyframeWanted: boolean;
  lastKeyframeAt: number;
  lastReportAt: number;
  packetCount: number;
  octetCount: number;
  tag: number;
  counter: number;
}

interface ReceiveStream {
  /** Extended highest sequence number seen in this window, and the first one. */
  base: number | undefined;
  highest: number;
  cycles: number;
  lastSeq: number;
  received: number;
}

export interface WindowStats {
  durationS: number;
  /** Packets the schedule called for, and those actually sent (a loaded generator falls behind). */
  offeredPackets: number;
  sentPackets: number;
  receivedPackets: number;
  expectedPackets: number;
  lostPackets: number;
  /** Consumers that received nothing in the window. */
  silentConsumers: number;
  delayP50Ms: number | null;
  delayP99Ms: number | null;
  delayMaxMs: number | null;
  keyframeRequests: number;
  generatorCpuPct: number;
}

/** Drops per local UDP port (`drops`, the last column of /proc/net/udp), for counting the generator's and the worker's socket overflows. */
export function udpDropsByPort(): Map<number, number> {
  const drops = new Map<number, number>();
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const dropped = fields[fields.length - 1];
      if (!local || dropped === undefined) continue;
      const port = parseInt(local.split(':')[1] ?? '', 16);
      drops.set(port, (drops.get(port) ?? 0) + Number(dropped));
    }
  }
  return drops;
}

export function sumDrops(drops: Map<number, number>, ports: Iterable<number>): number {
  let total = 0;
  for (const port of ports) total += drops.get(port) ?? 0;
  return total;
}

/** CPU seconds (user + system) a process has used, and its time waiting for a core (from schedstat). */
export function processTimes(pid: number): { cpuS: number; runQueueWaitS: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  let runQueueWaitS = 0;
  try {
    runQueueWaitS = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    runQueueWaitS = 0;
  }
  return { cpuS: ticks / 100, runQueueWaitS };
}

function percentileFromHistogram(histogram: Uint32Array, count: number, p: number): number | null {
  if (count === 0) return null;
  const rank = Math.ceil((p / 100) * count);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return +(i * HISTOGRAM_STEP_MS).toFixed(1);
  }
  return null;
}

/** Packets per second of one video layer at this bitrate. */
export function videoPacketsPerSecond(kbps: number): number {
  return videoPacketSizes(kbps).length * FPS;
}

export const AUDIO_PACKETS_PER_SECOND = 50;

function videoPacketSizes(kbps: number): number[] {
  let frameBytes = Math.round((kbps * 1000) / 8 / FPS);
  const sizes: number[] = [];
  while (frameBytes > 0) {
    const size = Math.min(PACKET_BYTES, Math.max(frameBytes, 12 + 6 + 1 + TRAILER_BYTES + 8));
    sizes.push(size);
    frameBytes -= size;
  }
  return sizes;
}

export class RtpLoadGenerator {
  private readonly sendStreams: SendStream[] = [];
  private readonly bySsrc = new Map<number, SendStream>();
  private readonly receiveStreams = new Map<number, ReceiveStream>();
  private timer: NodeJS.Timeout | undefined;
  private readonly histogram = new Uint32Array(HISTOGRAM_BUCKETS);
  private delayCount = 0;
  private delayMax = 0;
  private offered = 0;
  private sent = 0;
  private received = 0;
  private keyframeRequests = 0;
  private windowStartedAt = performance.now();
  private windowCpu = process.cpuUsage();
  private nextTag = 1;
  private readonly buffer = Buffer.alloc(PACKET_BYTES);

  private constructor(
    private readonly sender: dgram.Socket,
    private readonly receivers: dgram.Socket[],
    private readonly sink: dgram.Socket,
  ) {
    sender.on('message', (message) => this.onRtcp(message));
    for (const receiver of receivers) receiver.on('message', (message) => this.onForwarded(message));
  }

  /**
   * One socket sends every stream (and hears the SFU's RTCP); `receiverCount` sockets receive the
   * consumers being measured (several, which multiplies the kernel buffer behind a busy event
   * loop); one sink socket, never read, takes the rest (the kernel drops what overflows it).
   */
  static async start(receiverCount = 4): Promise<RtpLoadGenerator> {
    const open = async (buffers: { sendBufferSize?: number; recvBufferSize?: number }) => {
      const socket = dgram.createSocket({ type: 'udp4', ...buffers });
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      return socket;
    };
    const sender = await open({ sendBufferSize: 4 << 20, recvBufferSize: 1 << 20 });
    const receivers = await Promise.all(Array.from({ length: receiverCount }, () => open({ recvBufferSize: 4 << 20 })));
    const sink = await open({ recvBufferSize: 4096 });
    return new RtpLoadGenerator(sender, receivers, sink);
  }

  /** Where the SFU should send RTCP for the producers (PLI, FIR). */
  get senderAddress(): Address {
    const { address, port } = this.sender.address();
    return { ip: address, port };
  }

  /** Where the SFU should send a consumer's RTP; spread over the receiving sockets. */
  receiverAddress(index: number): Address {
    const { address, port } = this.receivers[index % this.receivers.length]!.address();
    return { ip: address, port };
  }

  /**
   * Where the SFU should send consumers that are not measured. Nothing reads it: the worker does
   * all its work for them, and the generator spends nothing on receiving them.
   */
  get sinkAddress(): Address {
    const { address, port } = this.sink.address();
    return { ip: address, port };
  }

  get receiverPorts(): number[] {
    return this.receivers.map((socket) => socket.address().port);
  }

  addVideo(ssrcs: number[], layerKbps: number[], target: Address): void {
    ssrcs.forEach((ssrc, layer) => {
      this.addStream('video', ssrc, target, 1000 / FPS, videoPacketSizes(layerKbps[layer]!), 90_000);
    });
  }

  addAudio(ssrc: number, target: Address): void {
    this.addStream('audio', ssrc, target, 20, [12 + AUDIO_PAYLOAD_BYTES], 48_000);
  }

  /** A consumer's SSRC whose packets this generator should count (one sent to a receiver address). */
  expect(consumerSsrc: number): void {
    this.receiveStreams.set(consumerSsrc, { base: undefined, highest: 0, cycles: 0, lastSeq: 0, received: 0 });
  }

  get expectedConsumers(): number {
    return this.receiveStreams.size;
  }

  /** Nominal packets per second of everything added so far. */
  get nominalPacketsPerSecond(): number {
    return this.sendStreams.reduce((sum, s) => sum + (1000 / s.intervalMs) * s.packetSizes.length, 0);
  }

  run(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 2);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stop();
    this.sender.close();
    this.sink.close();
    for (const receiver of this.receivers) receiver.close();
  }

  /** Starts a measurement window: every counter from now on. */
  resetWindow(): void {
    this.histogram.fill(0);
    this.delayCount = 0;
    this.delayMax = 0;
    this.offered = 0;
    this.sent = 0;
    this.received = 0;
    this.keyframeRequests = 0;
    for (const stream of this.receiveStreams.values()) {
      stream.base = undefined;
      stream.received = 0;
    }
    this.windowStartedAt = performance.now();
    this.windowCpu = process.cpuUsage();
  }

  window(): WindowStats {
    const durationS = (performance.now() - this.windowStartedAt) / 1000;
    const cpu = process.cpuUsage(this.windowCpu);
    let expected = 0;
    let receivedByConsumers = 0;
    let silent = 0;
    for (const stream of this.receiveStreams.values()) {
      if (stream.base === undefined) {
        silent++;
        continue;
      }
      expected += stream.highest - stream.base + 1;
      receivedByConsumers += stream.received;
    }
    return {
      durationS: +durationS.toFixed(2),
      offeredPackets: this.offered,
      sentPackets: this.sent,
      receivedPackets: receivedByConsumers,
      expectedPackets: expected,
      lostPackets: Math.max(0, expected - receivedByConsumers),
      silentConsumers: silent,
      delayP50Ms: percentileFromHistogram(this.histogram, this.delayCount, 50),
      delayP99Ms: percentileFromHistogram(this.histogram, this.delayCount, 99),
      delayMaxMs: this.delayCount ? +this.delayMax.toFixed(1) : null,
      keyframeRequests: this.keyframeRequests,
      generatorCpuPct: +(((cpu.user + cpu.system) / 1e6 / durationS) * 100).toFixed(1),
    };
  }

  private addStream(kind: 'audio' | 'video', ssrc: number, target: Address, intervalMs: number, packetSizes: number[], clockRate: number): void {
    const now = performance.now();
    const stream: SendStream = {
      kind,
      ssrc,
      target,
      intervalMs,
      packetSizes,
      // A random phase, as independent cameras and microphones would have.
      nextAt: now + Math.random() * intervalMs,
      seq: Math.floor(Math.random() * 0xffff),
      timestamp: Math.floor(Math.random() * 0xffffffff),
      timestampStep: (clockRate * intervalMs) / 1000,
      clockRate,
      pictureId: Math.floor(Math.random() * 0x7fff),
      tl0: Math.floor(Math.random() * 0xff),
      keyframeWanted: true,
      lastKeyframeAt: now,
      lastReportAt: -Infinity,
      packetCount: 0,
      octetCount: 0,
      tag: this.nextTag++,
      counter: 0,
    };
    this.sendStreams.push(stream);
    this.bySsrc.set(ssrc, stream);
  }

  private tick(): void {
    const now = performance.now();
    for (const stream of this.sendStreams) {
      if (stream.nextAt > now) continue;
      const behind = now - stream.nextAt;
      if (behind > MAX_CATCH_UP_MS) {
        // Too far behind to catch up: the skipped frames were offered but never sent.
        const skipped = Math.floor(behind / stream.intervalMs);
        this.offered += skipped * stream.packetSizes.length;
        stream.nextAt += skipped * stream.intervalMs;
        stream.timestamp = (stream.timestamp + skipped * stream.timestampStep) >>> 0;
      }
      while (stream.nextAt <= now) {
        this.sendFrame(stream, now);
        stream.nextAt += stream.intervalMs;
      }
      if (now - stream.lastReportAt >= SENDER_REPORT_EVERY_MS) this.sendReport(stream, now);
    }
  }

  /** An RTCP sender report (RFC 3550 6.4.1): the stream's RTP clock against wall-clock time, and its counts. */
  private sendReport(stream: SendStream, now: number): void {
    stream.lastReportAt = now;
    const report = Buffer.alloc(28);
    report[0] = 0x80;
    report[1] = 200;
    report.writeUInt16BE(6, 2);
    report.writeUInt32BE(stream.ssrc, 4);
    const wallMs = performance.timeOrigin + now;
    const seconds = Math.floor(wallMs / 1000);
    report.writeUInt32BE((seconds + NTP_UNIX_OFFSET_S) >>> 0, 8);
    report.writeUInt32BE(Math.floor(((wallMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0, 12);
    // stream.timestamp belongs to the next frame, due at stream.nextAt.
    const rtpNow = stream.timestamp - ((stream.nextAt - now) * stream.clockRate) / 1000;
    report.writeUInt32BE(Math.round(rtpNow) >>> 0, 16);
    report.writeUInt32BE(stream.packetCount >>> 0, 20);
    report.writeUInt32BE(stream.octetCount >>> 0, 24);
    this.sender.send(report, stream.target.port, stream.target.ip);
  }

  private sendFrame(stream: SendStream, now: number): void {
    const keyframe = stream.kind === 'video' && (stream.keyframeWanted || now - stream.lastKeyframeAt > KEYFRAME_EVERY_MS);
    if (keyframe) {
      stream.keyframeWanted = false;
      stream.lastKeyframeAt = now;
    }
    const sizes = stream.packetSizes;
    for (let i = 0; i < sizes.length; i++) {
      const size = sizes[i]!;
      // A fresh buffer per packet: dgram may still hold the previous one when send() returns.
      const packet = Buffer.allocUnsafe(size);
      this.buffer.copy(packet, 0, 0, size);
      const last = i === sizes.length - 1;
      packet[0] = 0x80;
      packet[1] = (stream.kind === 'video' ? VIDEO_PT : AUDIO_PT) | (last && stream.kind === 'video' ? 0x80 : 0);
      packet.writeUInt16BE(stream.seq, 2);
      packet.writeUInt32BE(stream.timestamp, 4);
      packet.writeUInt32BE(stream.ssrc, 8);
      stream.seq = (stream.seq + 1) & 0xffff;
      if (stream.kind === 'video') {
        packet[12] = 0x80 | (i === 0 ? 0x10 : 0); // X, S on the frame's first packet, partition 0
        packet[13] = 0xe0; // I, L, T
        packet.writeUInt16BE(0x8000 | stream.pictureId, 14);
        packet[16] = stream.tl0;
        packet[17] = 0x00; // TID 0
        // VP8 payload header: bit 0 is the inverse key-frame flag.
        if (i === 0) packet[18] = keyframe ? 0x00 : 0x01;
      }
      packet.writeUInt32BE(stream.tag, size - 16);
      packet.writeUInt32BE(stream.counter++, size - 12);
      packet.writeDoubleBE(performance.now(), size - 8);
      this.sender.send(packet, stream.target.port, stream.target.ip);
      stream.packetCount++;
      stream.octetCount += size - 12;
      this.sent++;
      this.offered++;
    }
    stream.timestamp = (stream.timestamp + stream.timestampStep) >>> 0;
    if (stream.kind === 'video') {
      stream.pictureId = (stream.pictureId + 1) & 0x7fff;
      stream.tl0 = (stream.tl0 + 1) & 0xff;
    }
  }

  /** RTCP from the SFU to a sender: PLI (206/1) and FIR (206/4) ask for a keyframe. */
  private onRtcp(message: Buffer): void {
    let offset = 0;
    while (offset + 12 <= message.length) {
      const fmt = message[offset]! & 0x1f;
      const type = message[offset + 1]!;
      const length = (message.readUInt16BE(offset + 2) + 1) * 4;
      if (type === 206 && fmt === 1) this.wantKeyframe(message.readUInt32BE(offset + 8));
      if (type === 206 && fmt === 4 && offset + 16 <= message.length) this.wantKeyframe(message.readUInt32BE(offset + 12));
      offset += length;
    }
  }

  private wantKeyframe(ssrc: number): void {
    const stream = this.bySsrc.get(ssrc);
    if (!stream) return;
    stream.keyframeWanted = true;
    this.keyframeRequests++;
  }

  private onForwarded(message: Buffer): void {
    const now = performance.now();
    if (message.length < 12 + TRAILER_BYTES) return;
    const second = message[1]!;
    if (second >= 192 && second <= 223) return; // RTCP on the same port
    if (message[0]! & 0x20) return; // padding-only probation packets carry no trailer
    const stream = this.receiveStreams.get(message.readUInt32BE(8));
    if (!stream) return;
    const seq = message.readUInt16BE(2);
    if (stream.base === undefined) {
      stream.cycles = 0;
      stream.lastSeq = seq;
      stream.base = seq;
      stream.highest = seq;
    } else {
      // Extend the 16-bit sequence number across wrap-arounds.
      if (seq < stream.lastSeq && stream.lastSeq - seq > 0x8000) stream.cycles += 0x10000;
      const extended = stream.cycles + seq;
      if (extended > stream.highest) stream.highest = extended;
      if (seq > stream.lastSeq || stream.lastSeq - seq > 0x8000) stream.lastSeq = seq;
    }
    stream.received++;
    this.received++;
    const delay = now - message.readDoubleBE(message.length - 8);
    const bucket = Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.round(delay / HISTOGRAM_STEP_MS)));
    this.histogram[bucket]!++;
    this.delayCount++;
    if (delay > this.delayMax) this.delayMax = delay;
  }
}
