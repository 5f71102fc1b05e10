import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import subsetFont from 'subset-font';
import { DocumentError } from './errors.ts';

/**
 * The document typeface: Noto Serif SC (思源宋体), a Song/Ming style that reads as an official
 * document, SIL Open Font License 1.1, shipped as complete static TrueType files by the npm package
 * @expo-google-fonts/noto-serif-sc (licence text: its LICENSE_FONT).
 *
 * Route (see PDF-FACTS): HarfBuzz (subset-font, WASM) cuts a TrueType subset holding only the
 * characters a document uses; pdf-lib embeds those bytes whole (`subset: false`), so fontkit only
 * parses and never writes a font. The base font name carries a subset tag so viewers and pdffonts
 * know it is a subset.
 */

export type FontRole = 'regular' | 'bold';

const FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';
const FONT_FILES: Record<FontRole, string> = {
  regular: '400Regular/NotoSerifSC_400Regular.ttf',
  bold: '700Bold/NotoSerifSC_700Bold.ttf',
};

type FontkitFont = ReturnType<typeof fontkit.create>;

export interface FontFace {
  role: FontRole;
  /** The complete TrueType file (a Buffer: subset-font sniffs the format with Buffer methods). */
  bytes: Buffer;
  /** Parsed once; used for metrics, coverage and outlines, never for writing. */
  font: FontkitFont;
  postscriptName: string;
  /** Advance widths in em units, memoised per character. */
  advances: Map<string, number>;
}

export type FontFaces = Record<FontRole, FontFace>;

/** Where the TrueType file of a role lives on disk. */
export function fontFilePath(role: FontRole): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${FONT_PACKAGE}/package.json`)), FONT_FILES[role]);
}

async function loadFace(role: FontRole): Promise<FontFace> {
  const bytes = await readFile(fontFilePath(role));
  const font = fontkit.create(bytes);
  return { role, bytes, font, postscriptName: font.postscriptName ?? `NotoSerifSC-${role}`, advances: new Map() };
}

let faces: Promise<FontFaces> | undefined;

/** Both faces, read and parsed once per process (about 30 MB of font data stays in memory). */
export function loadFontFaces(): Promise<FontFaces> {
  faces ??= Promise.all([loadFace('regular'), loadFace('bold')]).then(([regular, bold]) => ({ regular, bold }));
  faces.catch(() => {
    faces = undefined;
  });
  return faces;
}

/** Advance of one character in em (1 = the width of an ideograph). */
function advanceOf(face: FontFace, char: string): number {
  let advance = face.advances.get(char);
  if (advance === undefined) {
    const glyph = face.font.glyphForCodePoint(char.codePointAt(0) ?? 0);
    advance = glyph.advanceWidth / face.font.unitsPerEm;
    face.advances.set(char, advance);
  }
  return advance;
}

/**
 * Width of `text` at `size` points, as pdf-lib will draw it: the sum of the glyphs' advances
 * (pdf-lib writes no kerning adjustments).
 */
export function textWidth(face: FontFace, text: string, size: number): number {
  let em = 0;
  for (const char of text) em += advanceOf(face, char);
  return em * size;
}

/** Characters of `text` the face has no glyph for (each once, in order of appearance). */
export function missingCharacters(face: FontFace, text: string): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    if (char === '\n' || char === '\r') continue;
    if (!face.font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0)) missing.add(char);
  }
  return [...missing];
}

/** Six capital letters derived from the content, as PDF subset tags are (ABCDEF+Name). */
function subsetTag(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

export type FontEmbedding = 'subset' | 'full';

/** fontkit's default features, all off: for the whole font, which keeps its GSUB (see SUBSET_OPTIONS). */
const NO_SHAPING = {
  ccmp: false,
  locl: false,
  rlig: false,
  mark: false,
  mkmk: false,
  calt: false,
  clig: false,
  liga: false,
  rclt: false,
  curs: false,
  kern: false,
  ltra: false,
  ltrm: false,
} as const;

/**
 * No layout tables in the subset, on purpose: pdf-lib (with `subset: false`) writes widths and the
 * ToUnicode map only for glyphs reachable through the cmap, while fontkit's layout would still
 * apply GSUB (Noto's `locl` swaps the digits of an all-Latin run for alternates). Such a glyph
 * gets the default width 1000 (spaced-out digits) and no Unicode mapping (lost text). Without
 * GSUB every glyph drawn is the cmap glyph, which is also what the layout measured. Hinting is
 * of no use in a PDF.
 */
const SUBSET_OPTIONS = {
  targetFormat: 'sfnt',
  noHinting: true,
  noLayoutClosure: true,
  dropTables: ['GSUB', 'GPOS', 'GDEF', 'BASE', 'vhea', 'vmtx', 'VORG', 'DSIG'],
} as const;

/** A TrueType subset with exactly the glyphs for `characters`. */
export async function subsetFace(face: FontFace, characters: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await subsetFont(face.bytes, characters, SUBSET_OPTIONS));
  } catch (error) {
    // Keep the message short: some font tools quote the whole font file in theirs.
    const reason = String(error instanceof Error ? error.message : error).slice(0, 200);
    throw new DocumentError('font_unavailable', `Subsetting ${face.postscriptName} failed: ${reason}`);
  }
}

/**
 * Embeds the face into `pdf` for the given characters. 'subset' (the default everywhere) embeds a
 * HarfBuzz subset; 'full' embeds the whole 14 MB file and exists for the benchmark's baseline.
 */
export async function embedFace(pdf: PDFDocument, face: FontFace, characters: string, embedding: FontEmbedding): Promise<PDFFont> {
  pdf.registerFontkit(fontkit);
  if (embedding === 'full') return pdf.embedFont(face.bytes, { subset: false, features: NO_SHAPING });
  const bytes = await subsetFace(face, characters);
  return pdf.embedFont(bytes, { subset: false, features: NO_SHAPING, customName: `${subsetTag(bytes)}+${face.postscriptName}` });
}
