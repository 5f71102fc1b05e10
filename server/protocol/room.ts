import { z } from 'zod';
import { IdLast4Schema } from './identity.ts';

/** The mediation room's signaling contract: requests (`area:verb`) and pushes (`area:pastTense`). */

const memberKey = z.string().min(3).max(80).regex(/^[ap]:[A-Za-z0-9_-]+$/);
export const SideSchema = z.enum(['applicant', 'respondent']);
export const RoomRoleSchema = z.enum(['mediator', 'judge', 'party', 'agent']);
export const AdmissionSchema = z.enum(['entering', 'waiting', 'admitted', 'declined', 'removed']);
export const IdentityCheckSchema = z.enum(['unchecked', 'verified', 'pending_mediator', 'confirmed_by_mediator', 'staff']);
export const ConnectionQualitySchema = z.enum(['good', 'fair', 'poor', 'unknown']);

export const RoomMemberViewSchema = z.object({
  key: z.string(),
  name: z.string(),
  role: RoomRoleSchema,
  side: SideSchema.optional(),
  admission: AdmissionSchema,
  identity: IdentityCheckSchema,
  online: z.boolean(),
  mutedByMediator: z.boolean(),
  speakAllowed: z.boolean(),
  recordingConsent: z.boolean(),
  peerId: z.string().optional(),
  quality: ConnectionQualitySchema,
});
export type RoomMemberView = z.infer<typeof RoomMemberViewSchema>;

export const ChatMessageSchema = z.object({ seq: z.number(), at: z.string(), from: z.string(), name: z.string(), text: z.string() });
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const MinutesViewSchema = z.object({ version: z.number(), text: z.string(), shared: z.boolean(), confirmedBy: z.array(z.string()) });
export type MinutesView = z.infer<typeof MinutesViewSchema>;

/** What one member sees of the room; the host sees the waiting list too. */
export const RoomSnapshotSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  sessionId: z.string(),
  /** A mediation session, or the court's verification hearing (司法确认询问). */
  kind: z.enum(['mediation', 'hearing']),
  /** Whether this member runs the room: the mediator in mediation, the judge in a hearing. */
  host: z.boolean(),
  started: z.boolean(),
  self: RoomMemberViewSchema,
  /** False while a caucus with the other side is on: this member is held apart and receives nothing of it. */
  inCaucusAudience: z.boolean(),
  locked: z.boolean(),
  caucus: z.object({ side: SideSchema }).nullable(),
  members: z.array(RoomMemberViewSchema),
  chat: z.array(ChatMessageSchema),
  minutes: MinutesViewSchema.nullable(),
  /** Recording is possible only when every party consented. */
  recordingAllowed: z.boolean(),
  iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() })),
});
export type RoomSnapshot = z.infer<typeof RoomSnapshotSchema>;

const ok = z.object({});
/** Requests without required fields reject unknown ones: `{ foo: 1 }` is malformed, not empty. */
const noParameters = z.strictObject({});

export const roomRequests = {
  /** Staff name the case; a resident's case comes from their token. */
  'room:enter': { request: z.strictObject({ caseId: z.string().max(64).optional() }), response: RoomSnapshotSchema },
  'room:declare': {
    request: z.object({
      noRecordingDeclared: z.literal(true, { error: 'accept the declaration not to record or broadcast' }),
      falseMediationWarningRead: z.literal(true, { error: 'read the warning against false mediation' }),
      recordingConsent: z.boolean(),
    }),
    response: ok,
  },
  /** Name and the last four characters of the ID number, checked against the case; or leave it to the mediator. */
  'room:verifyIdentity': {
    request: z.union([
      z.object({ name: z.string().trim().min(1).max(60), idLast4: IdLast4Schema }),
      z.object({ confirmByMediator: z.literal(true) }),
    ]),
    response: z.object({ identity: IdentityCheckSchema }),
  },
  'room:admit': { request: z.object({ memberKey, identityConfirmedOnCamera: z.boolean().optional() }), response: ok },
  'room:decline': { request: z.object({ memberKey }), response: ok },
  'room:remove': { request: z.object({ memberKey }), response: ok },
  'room:lock': { request: z.object({ locked: z.boolean() }), response: ok },
  'room:mute': { request: z.object({ memberKey, muted: z.boolean() }), response: ok },
  'room:askUnmute': { request: z.object({ memberKey }), response: ok },
  'room:allowSpeak': { request: z.object({ memberKey, allowed: z.boolean() }), response: ok },
  'caucus:start': { request: z.object({ side: SideSchema }), response: ok },
  'caucus:end': { request: noParameters, response: ok },
  'chat:send': { request: z.object({ text: z.string().trim().min(1).max(500) }), response: ok },
  'minutes:save': { request: z.object({ text: z.string().max(50_000), baseVersion: z.number().int().min(0) }), response: z.object({ version: z.number() }) },
  'minutes:share': { request: z.object({ shared: z.boolean() }), response: ok },
  'minutes:confirm': { request: z.object({ version: z.number().int().min(1) }), response: ok },
  /** An admitted member's media: a new peer, or the same one again after a dropped connection (then restart ICE). */
  'room:joinMedia': {
    request: z.strictObject({ resumePeerId: z.string().max(64).optional() }),
    response: z.object({ peerId: z.string(), resumed: z.boolean(), routerRtpCapabilities: z.looseObject({}) }),
  },
  'room:end': { request: noParameters, response: ok },
} as const;

export type RoomRequests = typeof roomRequests;
export type RoomRequestName = keyof RoomRequests;

export const roomPushes = {
  'room:state': RoomSnapshotSchema,
  'chat:message': ChatMessageSchema,
  'room:unmuteRequested': z.object({ by: z.string() }),
  'room:removed': z.object({ reason: z.string() }),
  'room:ended': z.object({}),
  /** The media server behind the room was replaced: set media up again with room:joinMedia. */
  'media:reset': z.object({}),
  /** The agreement draft or its signatures changed: fetch it again. */
  'agreement:updated': z.object({ version: z.number(), status: z.string() }),
  /** A notice for this user (a step of their case), as GET /api/notices lists them. */
  'notice:posted': z.object({ id: z.string(), caseId: z.string(), kind: z.string(), text: z.string(), path: z.string(), at: z.string() }),
  /** A session of this party's case was set or called off, or its mediator changed: fetch the case again. Carries nothing else. */
  'case:changed': z.object({ caseId: z.string() }),
} as const;
export type RoomPushes = typeof roomPushes;
export type RoomPushName = keyof RoomPushes;
