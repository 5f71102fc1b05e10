import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaConfig } from '../../server/config.ts';
import { rootLogger } from '../../server/logger.ts';
import { MediaRooms } from '../../server/media/media-rooms.ts';
import { WorkerPool } from '../../server/media/worker-pool.ts';
import { AppError } from '../../server/protocol/index.ts';

/**
 * Plain RTP through the media layer with a real worker: a gateway sends opus over a plain
 * transport (comedia), another peer receives it on a plain transport connected to its socket.
 */

const config: MediaConfig = {
  workerCount: 1,
  logLevel: 'warn',
  listenIp: '127.0.0.1',
  announcedAddress: undefined,
  webRtcPort: 0,
  rtcMinPort: 40000,
  rtcMaxPort: 49999,
  maxPeersPerRoom: 4,
};

function opusPacket(seq: number, ssrc: number): Buffer {
  const packet = Buffer.alloc(12 + 80);
  packet[0] = 0x80;
  packet[1] = 100;
  packet.writeUInt16BE(seq, 2);
  packet.writeUInt32BE(seq * 960, 4);
  packet.writeUInt32BE(ssrc, 8);
  return packet;
}

async function bound(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** A one-packet VP8 frame: payload descriptor (start of partition 0), then a keyframe (320x240) or a delta frame. */
function vp8Packet(seq: number, ssrc: number, keyFrame: boolean): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = 0x80 | 101;
  header.writeUInt16BE(seq, 2);
  header.writeUInt32BE(seq * 3000, 4);
  header.writeUInt32BE(ssrc, 8);
  const frame = keyFrame ? [0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00] : [0x01, 0x00, 0x00];
  return Buffer.concat([header, Buffer.from([0x10, ...frame]), Buffer.alloc(30)]);
}

/** Whether an RTCP compound holds a picture loss indication (PSFB, FMT 1) or a full intra request (FMT 4). */
function asksForKeyFrame(message: Buffer): boolean {
  for (let offset = 0; offset + 4 <= message.length; ) {
    const fmt = message[offset]! & 0x1f;
    if (message[offset + 1] === 206 && (fmt === 1 || fmt === 4)) return true;
    offset += (message.readUInt16BE(offset + 2) + 1) * 4;
  }
  return false;
}

describe('plain RTP transports', () => {
  let pool: WorkerPool;
  let rooms: MediaRooms;
  const sockets: dgram.Socket[] = [];

  beforeAll(async () => {
    const log = rootLogger.child({ module: 'test' });
    log.level = 'warn';
    pool = await WorkerPool.start(config, log);
    rooms = new MediaRooms(pool, config, () => undefined, log);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    rooms.closeAll();
    await pool.close();
  });

  it('forwards RTP from a plain sender to a plain receiver, and refuses WebRTC-only calls on them', async () => {
    const room = await rooms.getOrCreate('plain-rtp');
    const gateway = room.join('网关');
    const listener = room.join('录音');
    const sender = await bound();
    const receiver = await bound();
    sockets.push(sender, receiver);

    const ingest = await room.createPlainTransport(gateway, 'send');
    expect(ingest.ip).toBe('127.0.0.1');
    const ssrc = 1111;
    const producerId = await room.produce(gateway, {
      transportId: ingest.transportId,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc }],
      },
    });

    const { port } = receiver.address();
    const egress = await room.createPlainTransport(listener, 'recv', { ip: '127.0.0.1', port });
    listener.rtpCapabilities = room.rtpCapabilities;
    const consumer = await room.consume(listener, producerId);
    expect((await room.setConsumerWanted(listener, consumer.consumerId, true)).flowing).toBe(true);
    const consumerSsrc = consumer.rtpParameters.encodings?.[0]?.ssrc;

    const received: number[] = [];
    receiver.on('message', (message) => {
      // RTCP (sender reports) shares the port; its second byte is a packet type 192-223.
      const isRtcp = message[1]! >= 192 && message[1]! <= 223;
      if (message.length >= 12 && !isRtcp) received.push(message.readUInt32BE(8));
    });
    for (let seq = 1; seq <= 50 && received.length < 5; seq++) {
      sender.send(opusPacket(seq, ssrc), ingest.port, ingest.ip);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((value) => value === consumerSsrc)).toBe(true);

    await expect(room.restartIce(gateway, ingest.transportId)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(room.connectTransport(listener, egress.transportId, { role: 'auto', fingerprints: [] })).rejects.toBeInstanceOf(AppError);
  });

  it('passes a stalled receiver’s keyframe request on to the sender, at most one per half second per consumer', async () => {
    const room = await rooms.getOrCreate('plain-keyframe');
    const camera = room.join('摄像头');
    const viewer = room.join('观看');
    const sender = await bound();
    const receiver = await bound();
    sockets.push(sender, receiver);
    const ingest = await room.createPlainTransport(camera, 'send');
    const ssrc = 2222;
    const producerId = await room.produce(camera, {
      transportId: ingest.transportId,
      kind: 'video',
      source: 'camera',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] }],
        encodings: [{ ssrc }],
      },
    });
    const { port } = receiver.address();
    await room.createPlainTransport(viewer, 'recv', { ip: '127.0.0.1', port });
    viewer.rtpCapabilities = room.rtpCapabilities;
    const consumer = await room.consume(viewer, producerId);
    await room.setConsumerWanted(viewer, consumer.consumerId, true);

    let requests = 0;
    let seq = 0;
    // Like an encoder: a keyframe whenever one is asked for, delta frames otherwise.
    sender.on('message', (message) => {
      if (!asksForKeyFrame(message)) return;
      requests++;
      sender.send(vp8Packet(++seq, ssrc, true), ingest.port, ingest.ip);
    });
    // The sender's first packets tell the transport where it is (comedia).
    sender.send(vp8Packet(++seq, ssrc, true), ingest.port, ingest.ip);
    for (let i = 0; i < 10; i++) {
      sender.send(vp8Packet(++seq, ssrc, false), ingest.port, ingest.ip);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Whatever the worker asked for on its own when the consumer started is not counted.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const before = requests;
    await room.requestKeyFrame(viewer, consumer.consumerId);
    // The keyframe has come back by now, so the worker would ask again: the half-second gap holds it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await room.requestKeyFrame(viewer, consumer.consumerId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests - before).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await room.requestKeyFrame(viewer, consumer.consumerId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests - before).toBe(2);
    await expect(room.requestKeyFrame(viewer, 'no-such-consumer')).rejects.toMatchObject({ code: 'not_found' });
  });
});
