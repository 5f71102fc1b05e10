import type { FontRole } from './fonts.ts';
import { breakLines, type BrokenLine } from './line-breaking.ts';
import type { SealMark } from './model.ts';

/**
 * The first pass of rendering: everything is placed on pages as draw items in PDF points
 * (origin bottom-left, y up) before anything is drawn, so the page count is known when the
 * footers ("第 N 页 共 M 页") are written. Pure: widths come from a `TextMetrics`.
 */

export interface TextMetrics {
  width(text: string, font: FontRole, size: number): number;
}

export interface PageGeometry {
  width: number;
  height: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
}

const MM = 72 / 25.4;

/** A4 with the side margins of Chinese official documents (GB/T 9704: 28 mm left, 26 mm right). */
export const A4: PageGeometry = {
  width: 210 * MM,
  height: 297 * MM,
  marginTop: 30 * MM,
  marginBottom: 30 * MM,
  marginLeft: 28 * MM,
  marginRight: 26 * MM,
};

export const TYPE = {
  body: 12,
  lineHeight: 1.6,
  issuer: 16,
  title: 22,
  subtitle: 14,
  small: 10.5,
  audit: 9,
  footer: 8.5,
} as const;

export type Ink = 'ink' | 'grey' | 'light';

export type DrawItem =
  | { kind: 'text'; text: string; x: number; y: number; size: number; font: FontRole; charSpacing?: number; ink?: Ink }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; thickness: number; ink?: Ink }
  | { kind: 'image'; png: Uint8Array; x: number; y: number; width: number; height: number }
  | { kind: 'seal'; cx: number; cy: number; radius: number; seal: SealMark };

export interface LaidOutPage {
  items: DrawItem[];
}

/** Distance from the top of a line box to the baseline: half the leading plus the em box ascent. */
export function baselineOffset(size: number, lineHeight: number): number {
  return (lineHeight - size) / 2 + 0.88 * size;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  size: number;
  font: FontRole;
  ink?: Ink;
  /** Multiple of the size; default TYPE.lineHeight. */
  lineHeight?: number;
}

/** Cursor over pages. `top` is measured downwards from the top edge of the current page. */
export class PageFlow {
  readonly pages: LaidOutPage[] = [{ items: [] }];
  top: number;

  constructor(
    readonly geometry: PageGeometry,
    readonly metrics: TextMetrics,
  ) {
    this.top = geometry.marginTop;
  }

  get left(): number {
    return this.geometry.marginLeft;
  }

  get contentWidth(): number {
    return this.geometry.width - this.geometry.marginLeft - this.geometry.marginRight;
  }

  get bottomLimit(): number {
    return this.geometry.height - this.geometry.marginBottom;
  }

  get atPageTop(): boolean {
    return this.top <= this.geometry.marginTop + 0.01;
  }

  /** PDF y of a distance from the top edge. */
  y(top: number): number {
    return this.geometry.height - top;
  }

  add(item: DrawItem): void {
    (this.pages.at(-1) as LaidOutPage).items.push(item);
  }

  newPage(): void {
    this.pages.push({ items: [] });
    this.top = this.geometry.marginTop;
  }

  /** Starts a new page unless `height` still fits (or the page is empty: then it must go here). */
  ensure(height: number): void {
    if (this.top + height > this.bottomLimit + 0.01 && !this.atPageTop) this.newPage();
  }

  advance(height: number): void {
    this.top += height;
  }

  lineHeight(style: TextStyle): number {
    return style.size * (style.lineHeight ?? TYPE.lineHeight);
  }

  measure(style: TextStyle): (text: string) => number {
    return (text) => this.metrics.width(text, style.font, style.size);
  }

  wrap(text: string, style: TextStyle, width: number, firstLineWidth?: number): BrokenLine[] {
    return breakLines(text, { maxWidth: width, firstLineWidth: firstLineWidth ?? width, measure: this.measure(style) });
  }

  /** Places one line of text with its line box starting at the current `top` (does not advance). */
  placeLine(line: BrokenLine, style: TextStyle, x: number, width: number, align: Align): void {
    const lineHeight = this.lineHeight(style);
    let left = x;
    let charSpacing: number | undefined;
    if (align === 'center') left = x + (width - line.width) / 2;
    else if (align === 'right') left = x + width - line.width;
    else if (align === 'justify' && !line.hardEnd) charSpacing = justification(line, width, style.size);
    if (!line.text) return;
    this.add({
      kind: 'text',
      text: line.text,
      x: left,
      y: this.y(this.top + baselineOffset(style.size, lineHeight)),
      size: style.size,
      font: style.font,
      ...(charSpacing ? { charSpacing } : {}),
      ...(style.ink ? { ink: style.ink } : {}),
    });
  }

  /** Wraps and places a block of text line by line, breaking pages between lines. */
  text(text: string, style: TextStyle, options: { align?: Align; indent?: number; x?: number; width?: number } = {}): void {
    const x = options.x ?? this.left;
    const width = options.width ?? this.contentWidth;
    const indent = options.indent ?? 0;
    const lineHeight = this.lineHeight(style);
    const lines = this.wrap(text, style, width, width - indent);
    lines.forEach((line, index) => {
      this.ensure(lineHeight);
      const offset = index === 0 ? indent : 0;
      this.placeLine(line, style, x + offset, width - offset, options.align ?? 'left');
      this.advance(lineHeight);
    });
  }
}

/**
 * Character spacing (Tc) that makes a wrapped line fill its measure, as Chinese typesetting
 * justifies: spread evenly between characters. Capped so a line broken early (a long Latin word
 * pushed down) stays ragged instead of letter-spaced into gaps text extraction would read as spaces.
 */
function justification(line: BrokenLine, width: number, size: number): number | undefined {
  const gaps = [...line.text].length - 1;
  const extra = width - line.width;
  if (gaps <= 0 || extra <= 0.01) return undefined;
  const spacing = extra / gaps;
  return spacing <= size * 0.12 ? spacing : undefined;
}
