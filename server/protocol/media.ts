import { z } from 'zod';

/**
 * The signaling contract of a media room. Shapes of mediasoup's own parameter objects are
 * checked for structure and size here; mediasoup checks their semantics and any refusal
 * becomes `invalid_input`.
 */

const shortText = (max: number) => z.string().min(1).max(max);
const id = shortText(64);

export const RoomIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only');
export const DisplayNameSchema = z.string().trim().min(1).max(40);
export const MediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof MediaKindSchema>;
export const MediaSourceSchema = z.enum(['microphone', 'camera']);
export type MediaSource = z.infer<typeof MediaSourceSchema>;
export const TransportDirectionSchema = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof TransportDirectionSchema>;

const codecParametersSchema = z.record(z.string().max(64), z.union([z.string().max(256), z.number()]));
const rtcpFeedbackSchema = z.array(z.object({ type: shortText(32), parameter: z.string().max(32).optional() })).max(16);

const rtpCodecCapabilitySchema = z.looseObject({
  kind: MediaKindSchema,
  mimeType: shortText(64),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParametersSchema.optional(),
  rtcpFeedback: rtcpFeedbackSchema.optional(),
});
const headerExtensionSchema = z.looseObject({ uri: shortText(256) });

export const RtpCapabilitiesSchema = z.object({
  codecs: z.array(rtpCodecCapabilitySchema).max(64).optional(),
  headerExtensions: z.array(headerExtensionSchema).max(64).optional(),
});

export const DtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']), value: shortText(200) }))
    .min(1)
    .max(8),
});

export const RtpParametersSchema = z.object({
  mid: z.string().max(32).optional(),
  codecs: z
    .array(
      z.looseObject({
        mimeType: shortText(64),
        payloadType: z.number().int().min(0).max(127),
        clockRate: z.number().int().positive(),
        channels: z.number().int().positive().max(8).optional(),
        parameters: codecParametersSchema.optional(),
        rtcpFeedback: rtcpFeedbackSchema.optional(),
      }),
    )
    .min(1)
    .max(16),
  headerExtensions: z.array(z.looseObject({ uri: shortText(256), id: z.number().int() })).max(32).optional(),
  encodings: z.array(z.looseObject({ ssrc: z.number().int().optional(), rid: z.string().max(32).optional() })).max(8).optional(),
  rtcp: z.looseObject({ cname: z.string().max(256).optional() }).optional(),
});

export const PeerSummarySchema = z.object({ peerId: id, displayName: DisplayNameSchema });
export type PeerSummary = z.infer<typeof PeerSummarySchema>;

/** Requests: `area:verb`, each with its request and response schema. */
export const mediaRequests = {
  'room:join': {
    request: z.object({ roomId: RoomIdSchema, displayName: DisplayNameSchema }),
    response: z.object({
      self: PeerSummarySchema,
      peers: z.array(PeerSummarySchema),
      routerRtpCapabilities: z.looseObject({}),
    }),
  },
  'room:leave': {
    request: z.strictObject({}),
    response: z.object({}),
  },
  'media:setCapabilities': {
    request: z.object({ rtpCapabilities: RtpCapabilitiesSchema }),
    response: z.object({}),
  },
  'transport:create': {
    request: z.object({ direction: TransportDirectionSchema }),
    response: z.object({
      transportId: id,
      iceParameters: z.looseObject({}),
      iceCandidates: z.array(z.looseObject({})),
      dtlsParameters: z.looseObject({}),
    }),
  },
  'transport:connect': {
    request: z.object({ transportId: id, dtlsParameters: DtlsParametersSchema }),
    response: z.object({}),
  },
  'transport:restartIce': {
    request: z.object({ transportId: id }),
    response: z.object({ iceParameters: z.looseObject({}) }),
  },
  'media:produce': {
    request: z.object({
      transportId: id,
      kind: MediaKindSchema,
      source: MediaSourceSchema,
      rtpParameters: RtpParametersSchema,
      paused: z.boolean().optional(),
    }),
    response: z.object({ producerId: id }),
  },
  'media:consume': {
    request: z.object({ producerId: id }),
    response: z.object({
      consumerId: id,
      producerId: id,
      peerId: id,
      kind: MediaKindSchema,
      source: MediaSourceSchema,
      rtpParameters: z.looseObject({}),
      producerPaused: z.boolean(),
    }),
  },
  /** The client is ready for a consumer; it flows when the room's rules allow (a caucus may hold it). */
  'consumer:resume': {
    request: z.object({ consumerId: id }),
    response: z.object({ flowing: z.boolean() }),
  },
  /** The client does not want this consumer for now (audio-only on a weak network). */
  'consumer:pause': {
    request: z.object({ consumerId: id }),
    response: z.object({ flowing: z.boolean() }),
  },
  /** The receiver's video stalled (packets arrive, nothing decodes): ask the sender for a keyframe. */
  'consumer:requestKeyFrame': {
    request: z.object({ consumerId: id }),
    response: z.object({}),
  },
  'consumer:setPreferredLayers': {
    request: z.object({ consumerId: id, spatialLayer: z.number().int().min(0).max(3), temporalLayer: z.number().int().min(0).max(3).optional() }),
    response: z.object({}),
  },
  'producer:pause': {
    request: z.object({ producerId: id }),
    response: z.object({}),
  },
  'producer:resume': {
    request: z.object({ producerId: id }),
    response: z.object({}),
  },
} as const;

export type MediaRequests = typeof mediaRequests;
export type MediaRequestName = keyof MediaRequests;

/** Pushes from the server: `area:pastTense`. */
export const mediaPushes = {
  'peer:joined': PeerSummarySchema,
  'peer:left': z.object({ peerId: id }),
  'producer:added': z.object({ producerId: id, peerId: id, kind: MediaKindSchema, source: MediaSourceSchema, paused: z.boolean() }),
  'producer:closed': z.object({ producerId: id }),
  'producer:paused': z.object({ producerId: id, peerId: id }),
  'producer:resumed': z.object({ producerId: id, peerId: id }),
  'consumer:closed': z.object({ consumerId: id }),
  'speaker:active': z.object({ peerId: id }),
} as const;

export type MediaPushes = typeof mediaPushes;
export type MediaPushName = keyof MediaPushes;

/** Largest serialized request the server reads; larger ones are refused with `payload_too_large`. */
export const MAX_REQUEST_BYTES = 64 * 1024;
