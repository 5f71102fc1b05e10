import type { SignatureMethod } from '../../../../server/domain/agreement.ts';

/**
 * The tap-to-confirm mark (点按确认) travels and is stored as `fingerprint`, the name signed events
 * already carry; what people read never calls it that, because it is a drawn symbol, not a biometric.
 */
export const TAP_CONFIRM: SignatureMethod = 'fingerprint';

/** The suffix of a method's message keys (`agreement.method.tapConfirm`). */
export type SignatureMethodLabel = 'handwritten' | 'tapConfirm';

export function signatureMethodLabel(method: SignatureMethod): SignatureMethodLabel {
  return method === TAP_CONFIRM ? 'tapConfirm' : 'handwritten';
}
