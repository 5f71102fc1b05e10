import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/index.ts';

/** A raw Socket.IO client for tests that must send what a well-behaved client never would. */
export async function connectRaw(url: string, auth: unknown): Promise<Socket> {
  const socket = io(url, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

export function connectError(url: string, auth: unknown): Promise<Error & { data?: unknown }> {
  const socket = io(url, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connection was accepted'));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error as Error & { data?: unknown });
    });
  });
}

export async function send(socket: Socket, event: string, payload?: unknown): Promise<Ack<Record<string, unknown>>> {
  return (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<Record<string, unknown>>;
}
