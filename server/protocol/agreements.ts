import { z } from 'zod';
import { MAX_AMOUNT_FEN } from '../domain/money.ts';
import { IdLast4Schema } from './identity.ts';

const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
/** A PNG as base64 (a drawn signature or the tap-to-confirm mark, 点按确认), at most about 300 KB. */
const pngBase64 = z.string().min(100).max(400_000).regex(/^[A-Za-z0-9+/=]+$/, 'base64');

/** Strict: a stale client's `amountYuan` is refused, not silently dropped with its amount. */
export const ObligationSchema = z.strictObject({
  id: id,
  obligorId: id,
  obligeeId: id.optional(),
  act: z.string().trim().max(300),
  /** Whole fen (分), so that every two-decimal amount is exact: ¥5000.10 is 500010. */
  amountFen: z.number().int().positive().max(MAX_AMOUNT_FEN).optional(),
  deadline: isoDate,
  method: z.string().trim().max(60).optional(),
  place: z.string().trim().max(120).optional(),
});

export const AgreementDraftSchema = z.object({
  templateId: z.string().regex(/^[a-z][a-z0-9-]*$/).max(40),
  fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/).max(40), z.string().max(20_000)),
  obligations: z.array(ObligationSchema).max(50),
});

export const SaveDraftRequestSchema = z.object({ draft: AgreementDraftSchema, baseVersion: z.number().int().min(0) });
export const CommentRequestSchema = z.object({ version: z.number().int().min(1), clause: z.string().min(1).max(80), text: z.string().trim().min(1).max(1000) });
export const ReopenRequestSchema = z.object({ reason: z.string().trim().min(1).max(500) });
export const SignRequestSchema = z.object({
  documentHash: hash,
  name: z.string().trim().min(1).max(60),
  idLast4: IdLast4Schema,
  /** `fingerprint` names the tap-to-confirm mark (点按确认), a drawn symbol, not a biometric; the name is kept because signed events store it. */
  method: z.enum(['handwritten', 'fingerprint']).describe('handwritten: a drawn signature; fingerprint: the tap-to-confirm mark (点按确认), a drawn symbol, not a biometric'),
  signaturePng: pngBase64,
  agreed: z.literal(true, { error: 'confirm that you have read and agree' }),
});
export const CountersignRequestSchema = z.object({ documentHash: hash, signaturePng: pngBase64 });
