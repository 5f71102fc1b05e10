import { BlendMode, PDFDocument, popGraphicsState, pushGraphicsState, rgb, setCharacterSpacing, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { DocumentError } from './errors.ts';
import { embedFace, loadFontFaces, missingCharacters, textWidth, type FontEmbedding, type FontFaces, type FontRole } from './fonts.ts';
import { layoutDocument } from './layout.ts';
import type { DocumentModel } from './model.ts';
import type { DrawItem, Ink, LaidOutPage } from './page-flow.ts';
import { drawSeal } from './seal-graphic.ts';

export interface RenderOptions {
  /** 'subset' (default) embeds only the glyphs used; 'full' embeds the whole font (benchmark baseline). */
  fontEmbedding?: FontEmbedding;
  /** Creation and modification date in the PDF's metadata; default now. */
  producedAt?: Date;
}

const INK: Record<Ink, ReturnType<typeof rgb>> = {
  ink: rgb(0, 0, 0),
  grey: rgb(0.35, 0.35, 0.35),
  light: rgb(0.6, 0.6, 0.6),
};

/** Every string of the model that will be printed, for the glyph coverage check. */
function modelText(doc: DocumentModel): string {
  const parts: string[] = [doc.issuer ?? '', doc.title, doc.subtitle ?? '', doc.caseNumber, doc.documentHash ?? '', doc.issuedAt];
  parts.push(...(doc.metaLines ?? []), doc.endOfTextMarker ?? '', doc.footerNote ?? '');
  for (const section of doc.sections) {
    parts.push(section.heading ?? '');
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') parts.push(block.text);
      else if (block.kind === 'numbered') parts.push(...block.items);
      else for (const [label, value] of block.rows) parts.push(label, value);
    }
  }
  for (const signature of doc.signatures ?? []) {
    parts.push(signature.label, signature.name, signature.signedAt ?? '', signature.seal?.organisationName ?? '', signature.seal?.caption ?? '');
  }
  if (doc.audit) {
    parts.push(doc.audit.heading, ...(doc.audit.columns ?? []));
    for (const entry of doc.audit.entries) parts.push(entry.at, entry.who, entry.what, entry.detail ?? '');
  }
  return parts.join('');
}

function assertCoverage(faces: FontFaces, doc: DocumentModel): void {
  const missing = missingCharacters(faces.regular, modelText(doc));
  if (missing.length > 0) {
    const list = missing.map((c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    throw new DocumentError('unsupported_character', `The document font has no glyph for: ${list}`, { details: { characters: missing } });
  }
}

/** The distinct characters each font role draws, so each subset holds exactly those glyphs. */
function charactersByRole(pages: LaidOutPage[]): Record<FontRole, string> {
  const sets: Record<FontRole, Set<string>> = { regular: new Set(), bold: new Set() };
  for (const page of pages) {
    for (const item of page.items) if (item.kind === 'text') for (const char of item.text) sets[item.font].add(char);
  }
  return { regular: [...sets.regular].join(''), bold: [...sets.bold].join('') };
}

/**
 * Renders a document to PDF bytes: layout first (pass one, page count known), then drawing
 * (pass two). Throws DocumentError 'unsupported_character' rather than print a blank for a
 * character the font lacks, and 'invalid_image' for a signature image that is not a PNG.
 */
export async function renderDocumentPdf(doc: DocumentModel, options: RenderOptions = {}): Promise<Uint8Array> {
  const faces = await loadFontFaces();
  assertCoverage(faces, doc);
  const layout = layoutDocument(doc, { width: (text, role, size) => textWidth(faces[role], text, size) });

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const characters = charactersByRole(layout.pages);
  const embedding = options.fontEmbedding ?? 'subset';
  const fonts: Record<FontRole, PDFFont> = {
    regular: await embedFace(pdf, faces.regular, characters.regular, embedding),
    bold: await embedFace(pdf, faces.bold, characters.bold, embedding),
  };
  const images = new Map<Uint8Array, PDFImage>();

  for (const laidOut of layout.pages) {
    const page = pdf.addPage([layout.geometry.width, layout.geometry.height]);
    for (const item of laidOut.items) if (item.kind !== 'seal') await drawItem(pdf, page, item, fonts, images);
    // Seals last, over everything they overlap.
    for (const item of laidOut.items) if (item.kind === 'seal') drawSeal(page, item, faces.bold);
  }

  setMetadata(pdf, doc, options.producedAt ?? new Date());
  return pdf.save();
}

async function drawItem(pdf: PDFDocument, page: PDFPage, item: DrawItem, fonts: Record<FontRole, PDFFont>, images: Map<Uint8Array, PDFImage>): Promise<void> {
  switch (item.kind) {
    case 'text': {
      const color = INK[item.ink ?? 'ink'];
      // Tc is text state: set it around this one run only.
      if (item.charSpacing) page.pushOperators(pushGraphicsState(), setCharacterSpacing(item.charSpacing));
      page.drawText(item.text, { x: item.x, y: item.y, size: item.size, font: fonts[item.font], color });
      if (item.charSpacing) page.pushOperators(popGraphicsState());
      return;
    }
    case 'rule':
      page.drawLine({ start: { x: item.x1, y: item.y1 }, end: { x: item.x2, y: item.y2 }, thickness: item.thickness, color: INK[item.ink ?? 'ink'] });
      return;
    case 'image': {
      const image = await embedPng(pdf, images, item.png);
      const fitted = image.scaleToFit(item.width, item.height);
      // Bottom-left in the box, sitting on the signature line.
      page.drawImage(image, { x: item.x, y: item.y, width: fitted.width, height: fitted.height, blendMode: BlendMode.Multiply });
      return;
    }
    case 'seal':
      return;
  }
}

async function embedPng(pdf: PDFDocument, images: Map<Uint8Array, PDFImage>, png: Uint8Array): Promise<PDFImage> {
  const known = images.get(png);
  if (known) return known;
  try {
    const image = await pdf.embedPng(png);
    images.set(png, image);
    return image;
  } catch (error) {
    throw new DocumentError('invalid_image', 'A signature image is not a readable PNG', { cause: error });
  }
}

function setMetadata(pdf: PDFDocument, doc: DocumentModel, producedAt: Date): void {
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setSubject(doc.caseNumber);
  pdf.setCreator('云调解室 Mediation Room');
  pdf.setProducer('云调解室 document engine (pdf-lib)');
  pdf.setLanguage('zh-CN');
  pdf.setCreationDate(producedAt);
  pdf.setModificationDate(producedAt);
  if (doc.documentHash) pdf.setKeywords([`sha256:${doc.documentHash}`]);
}

