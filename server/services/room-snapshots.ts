import type { RoomState } from '../domain/room.ts';
import type { Logger } from '../logger.ts';
import type { KeyValueStore } from '../store/store.ts';

/** Longer than any session lasts; a room nobody ended is forgotten by itself. */
const KEEP_SECONDS = 12 * 3600;

/**
 * The last state of each live room, kept in the store so that a room outlives the process that
 * runs it: after a crash or restart, or on another instance, `restoreRoom` takes it up again and
 * admitted members come back without a second admission. The case log stays the record; this is
 * only the room's working state (who is admitted, muted, the lock). A store failure costs that
 * convenience, never the room: it is logged and the room goes on.
 */
export class RoomSnapshots {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly log: Logger,
  ) {}

  async save(state: RoomState): Promise<void> {
    try {
      await this.kv.set(keyOf(state.caseId), state, { ttlSeconds: KEEP_SECONDS });
    } catch (error) {
      this.log.warn({ err: error, caseId: state.caseId }, 'could not save the room state');
    }
  }

  async load(caseId: string): Promise<RoomState | undefined> {
    try {
      const saved = await this.kv.get<RoomState>(keyOf(caseId));
      return saved && looksLikeRoomState(saved, caseId) ? saved : undefined;
    } catch (error) {
      this.log.warn({ err: error, caseId }, 'could not read the saved room state; the room starts afresh');
      return undefined;
    }
  }

  async drop(caseId: string): Promise<void> {
    await this.kv.delete(keyOf(caseId)).catch((error: unknown) => this.log.warn({ err: error, caseId }, 'could not drop the saved room state'));
  }
}

const keyOf = (caseId: string) => `room-state:${caseId}`;

/** A state saved by another version of the app may not fit this one's rules: such a room starts afresh. */
function looksLikeRoomState(value: RoomState, caseId: string): boolean {
  return (
    value.caseId === caseId &&
    typeof value.sessionId === 'string' &&
    typeof value.members === 'object' &&
    value.members !== null &&
    Object.values(value.members).every((m) => typeof m?.key === 'string' && typeof m.admission === 'string' && typeof m.role === 'string')
  );
}
