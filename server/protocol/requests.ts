import type { z } from 'zod';
import { mediaPushes, mediaRequests } from './media.ts';
import { roomPushes, roomRequests } from './room.ts';

/** Every socket request and push of the protocol, in one table each. */
export const requests = { ...mediaRequests, ...roomRequests } as const;
export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestOf<E extends RequestName> = z.infer<Requests[E]['request']>;
export type ResponseOf<E extends RequestName> = z.infer<Requests[E]['response']>;

export const pushes = { ...mediaPushes, ...roomPushes } as const;
export type Pushes = typeof pushes;
export type PushName = keyof Pushes;
export type PushOf<E extends PushName> = z.infer<Pushes[E]>;
