import type { MediaConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { routerMediaCodecs } from './codecs.ts';
import { MediaRoom, type NotifyPeer } from './media-room.ts';
import type { WorkerPool } from './worker-pool.ts';

/**
 * The registry of open rooms. Get-or-create is serialized per room id, so two first joins
 * arriving together share one router instead of creating two.
 */
export class MediaRooms {
  private readonly rooms = new Map<string, MediaRoom>();
  private readonly opening = new Map<string, Promise<MediaRoom>>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly config: MediaConfig,
    private readonly notify: NotifyPeer,
    private readonly log: Logger,
  ) {}

  get openRoomCount(): number {
    return this.rooms.size;
  }

  get peerCount(): number {
    let peers = 0;
    for (const room of this.rooms.values()) peers += room.peerList().length;
    return peers;
  }

  find(roomId: string): MediaRoom | undefined {
    return this.rooms.get(roomId);
  }

  async getOrCreate(roomId: string): Promise<MediaRoom> {
    const existing = this.rooms.get(roomId);
    if (existing && !existing.isClosed) return existing;
    const pending = this.opening.get(roomId);
    if (pending) return pending;
    const opening = this.open(roomId).finally(() => this.opening.delete(roomId));
    this.opening.set(roomId, opening);
    return opening;
  }

  closeAll(): void {
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  private async open(roomId: string): Promise<MediaRoom> {
    const { worker, webRtcServer, release } = this.pool.acquire();
    try {
      const router = await worker.createRouter({ mediaCodecs: routerMediaCodecs });
      const speakers = await router.createActiveSpeakerObserver({ interval: 500 });
      const room = new MediaRoom(roomId, router, this.config, this.notify, this.log.child({ roomId }), webRtcServer, speakers, worker.pid);
      room.once('close', () => {
        release();
        if (this.rooms.get(roomId) === room) this.rooms.delete(roomId);
        this.log.debug({ roomId }, 'media room closed');
      });
      this.rooms.set(roomId, room);
      return room;
    } catch (error) {
      release();
      throw error;
    }
  }
}
