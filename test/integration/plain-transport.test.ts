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
});
