import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { CadesSigner } from './cades-signer.ts';
import { DocumentError } from './errors.ts';
import type { SealIdentity } from './seal-identity.ts';

export interface SignatureDetails {
  /** Why the organisation signs, e.g. 人民调解委员会电子印章：确认协议内容. */
  reason: string;
  location: string;
  /** The signer's name as the signature shows it (the organisation). */
  name: string;
  contactInfo?: string;
  /** Claimed signing time (/M); default now. */
  signingTime?: Date;
}

/**
 * Applies the organisation's digital seal: a PAdES (SubFilter ETSI.CAdES.detached) signature
 * over the whole file, except the hole holding the signature itself. Must be the last change to
 * the PDF: anything that rewrites the file afterwards (pdf-lib load + save included) breaks it,
 * so a PDF that already carries a signature is refused rather than silently invalidated.
 */
export async function signPdf(pdf: Uint8Array, identity: SealIdentity, details: SignatureDetails): Promise<Uint8Array> {
  if (isSigned(pdf)) {
    throw new DocumentError('already_signed', 'The PDF is already signed; signing it again here would invalidate that signature');
  }
  const signingTime = details.signingTime ?? new Date();
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const certificatesLength = identity.certificate.length + identity.chain.reduce((sum, cert) => sum + cert.length, 0);
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: details.reason,
    location: details.location,
    name: details.name,
    contactInfo: details.contactInfo ?? '',
    signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // Room for the CMS (bytes; the hole holds twice as many hex digits): the certificates plus
    // about 600 bytes of attributes, structure and the RSA-2048 signature, with a margin.
    signatureLength: Math.max(4096, certificatesLength + 3072),
    appName: '云调解室 Mediation Room',
  });
  // The placeholder must stay findable as plain bytes: no object streams.
  const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
  try {
    return new Uint8Array(await new SignPdf().sign(prepared, new CadesSigner(identity), signingTime));
  } catch (error) {
    throw new DocumentError('signing_failed', 'Signing the PDF failed', { cause: error });
  }
}

/** Whether the bytes contain a signature dictionary's byte range (a signed PDF). */
export function isSigned(pdf: Uint8Array): boolean {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).includes('/ByteRange');
}
