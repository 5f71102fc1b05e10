/**
 * What the room above decides and media enforces. Media knows peers by an opaque owner key
 * (a room member's key); it never knows cases or roles.
 */
export interface MediaPolicy {
  /**
   * Whether the owner `listener` may know of `sender`'s media at all: be told of its producers,
   * their pause and resume, and hold receivers of them. What it may not know of is taken away.
   */
  mayKnowOf(listenerOwner: string, senderOwner: string): boolean;
  /** Whether the owner `listener` may receive what `sender` sends right now (what it knows of, it may yet receive paused). */
  mayReceive(listenerOwner: string, senderOwner: string): boolean;
  /** Whether the owner may send from this source right now (a muted microphone may not). */
  maySend(owner: string, source: 'microphone' | 'camera'): boolean;
}

export const openPolicy: MediaPolicy = {
  mayKnowOf: () => true,
  mayReceive: () => true,
  maySend: () => true,
};
