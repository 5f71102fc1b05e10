import type { RoomSnapshot } from '@protocol';
import type { Socket } from 'socket.io-client';
import type { PeerInbound } from '../../media/media-connection.ts';
import type { RoomController } from './room-controller.ts';

/** What the room page exposes for diagnostics and the end-to-end tests. */
export interface RoomDiagnostics {
  /** The latest room snapshot. */
  state(): RoomSnapshot | undefined;
  /** Receive counters per remote peer id, summed over that peer's consumers. */
  inboundStats(): Promise<Record<string, PeerInbound>>;
  /** This member's media peer id, once media is set up. */
  peerId(): string | undefined;
  /** The raw socket (a test closes its engine to simulate a dropped connection). */
  socket: Socket;
  producers(): ReturnType<RoomController['producers']>;
  connection(): RoomController['state']['connection'];
  iceRestarts(): number;
  /** Whether this member's media is set up, and the last control's refusal or failure. */
  media(): { status: RoomController['state']['mediaStatus']; error: RoomController['state']['controlError'] };
}

declare global {
  interface Window {
    mediationRoom?: RoomDiagnostics;
  }
}

/** Installs `window.mediationRoom` for this controller; the returned function removes it. */
export function installDiagnostics(controller: RoomController): () => void {
  const diagnostics: RoomDiagnostics = {
    state: () => controller.state.snapshot,
    inboundStats: () => controller.inboundStats(),
    peerId: () => controller.state.peerId,
    socket: controller.signaling.socket,
    producers: () => controller.producers(),
    connection: () => controller.state.connection,
    iceRestarts: () => controller.state.iceRestarts,
    media: () => ({ status: controller.state.mediaStatus, error: controller.state.controlError }),
  };
  window.mediationRoom = diagnostics;
  return () => {
    if (window.mediationRoom === diagnostics) delete window.mediationRoom;
  };
}
