import type { types } from 'mediasoup';
import type { MediaSource, TransportDirection } from '../protocol/index.ts';

export interface ProducerAppData extends types.AppData {
  peerId: string;
  source: MediaSource;
}

export interface ConsumerAppData extends types.AppData {
  peerId: string;
  source: MediaSource;
  /** The client has set the consumer up and asked for media (consumers start paused). */
  clientReady: boolean;
  /** The client asked not to receive it for now (audio-only on a weak network). */
  clientPaused: boolean;
}

export interface TransportAppData extends types.AppData {
  direction: TransportDirection;
}

/** Browsers use WebRTC transports; a gateway that speaks plain RTP (a SIP bridge, a recorder) uses a plain one. */
export type MediaTransport = types.WebRtcTransport<TransportAppData> | types.PlainTransport<TransportAppData>;

/**
 * One participant's media in one room. The peer owns its transports; closing a transport makes
 * mediasoup close the producers and consumers on it, and the listeners below only forget them.
 */
export class MediaPeer {
  rtpCapabilities: types.RtpCapabilities | undefined;
  readonly transports = new Map<string, MediaTransport>();
  readonly producers = new Map<string, types.Producer<ProducerAppData>>();
  readonly consumers = new Map<string, types.Consumer<ConsumerAppData>>();
  /** Other peers' producers this peer has been told of (`producer:added`) and may still receive. */
  readonly announced = new Set<string>();
  private closed = false;

  constructor(
    readonly id: string,
    readonly displayName: string,
    /** The room member this peer belongs to, as the policy knows them. */
    readonly owner: string,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  addTransport(transport: MediaTransport): void {
    this.transports.set(transport.id, transport);
    // Through the base Transport type: the two observers' event maps differ, their 'close' does not.
    (transport as types.Transport<TransportAppData>).observer.once('close', () => this.transports.delete(transport.id));
  }

  addProducer(producer: types.Producer<ProducerAppData>): void {
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: types.Consumer<ConsumerAppData>): void {
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
  }

  summary(): { peerId: string; displayName: string } {
    return { peerId: this.id, displayName: this.displayName };
  }

  /** Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
  }
}
