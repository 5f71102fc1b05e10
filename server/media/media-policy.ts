/**
 * What the room above decides and media enforces. Media knows peers by an opaque owner key
 * (a room member's key); it never knows cases or roles.
 */
export interface MediaPolicy {
  /** Whether the owner `listener` may receive what `sender` sends right now. */
  mayReceive(listenerOwner: string, senderOwner: string): boolean;
  /** Whether the owner may send from this source right now (a muted microphone may not). */
  maySend(owner: string, source: 'microphone' | 'camera'): boolean;
}

export const openPolicy: MediaPolicy = {
  mayReceive: () => true,
  maySend: () => true,
};
