/**
 * The document engine: the only code that touches pdf-lib, fonts and PDF signatures.
 *
 *   const pdf = await renderDocumentPdf(model);                      // DocumentModel → PDF bytes
 *   const identity = await ensureSealIdentity({ directory, organisationName });
 *   const sealed = await signPdf(pdf, identity, { reason, location, name });   // always last
 */
export type { AuditEntry, AuditTrail, DocumentBlock, DocumentModel, DocumentSection, FieldsBlock, NumberedBlock, NumberMarker, ParagraphBlock, SealMark, SignatureBlock } from './model.ts';
export { renderDocumentPdf, type RenderOptions } from './render.ts';
export { ensureSealIdentity, loadSealIdentity, type SealIdentity } from './seal-identity.ts';
export { isSigned, signPdf, type SignatureDetails } from './pdf-signature.ts';
export { DocumentError, type DocumentErrorCode } from './errors.ts';
