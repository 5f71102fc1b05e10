import { BlendMode, rgb, type PDFPage } from 'pdf-lib';
import type { FontFace } from './fonts.ts';
import type { SealMark } from './model.ts';

/**
 * The organisation's seal as vector graphics: a red ring, a five-pointed star in the centre and the
 * organisation's name set clockwise along the upper arc (人民调解委员会印章的样式). The lettering is
 * drawn as glyph outlines, not text: like a stamped impression it is part of the picture, and it
 * stays out of the extracted text (the name is printed as text beside it). Drawn with the Multiply
 * blend mode so the signature and date under it remain legible, as under real seal ink.
 */

export const SEAL_RED = rgb(0.84, 0.11, 0.12);

type Point = [number, number];

/** Collects an outline as SVG path data with cubic curves only (pdf-lib maps SVG `Q` to `v`, which is not a quadratic). */
class OutlinePath {
  private readonly parts: string[] = [];
  private current: Point = [0, 0];

  // Page y grows upwards; drawSvgPath flips y, so y is negated here and flipped back there.
  private emit(command: string, ...points: Point[]): void {
    this.parts.push(command + points.map(([x, y]) => `${round(x)} ${round(-y)}`).join(' '));
  }

  moveTo(p: Point): void {
    this.emit('M', p);
    this.current = p;
  }

  lineTo(p: Point): void {
    this.emit('L', p);
    this.current = p;
  }

  quadraticTo(control: Point, p: Point): void {
    const [x0, y0] = this.current;
    const c1: Point = [x0 + (2 / 3) * (control[0] - x0), y0 + (2 / 3) * (control[1] - y0)];
    const c2: Point = [p[0] + (2 / 3) * (control[0] - p[0]), p[1] + (2 / 3) * (control[1] - p[1])];
    this.cubicTo(c1, c2, p);
  }

  cubicTo(c1: Point, c2: Point, p: Point): void {
    this.emit('C', c1, c2, p);
    this.current = p;
  }

  close(): void {
    this.parts.push('Z');
  }

  toString(): string {
    return this.parts.join('');
  }
}

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/** Appends the outline of `char` in `face`, mapped from font units to the page by `map`. */
function appendGlyph(path: OutlinePath, face: FontFace, char: string, map: (u: number, v: number) => Point): void {
  const glyph = face.font.glyphForCodePoint(char.codePointAt(0) ?? 0);
  const pen = {
    moveTo: (x: number, y: number) => path.moveTo(map(x, y)),
    lineTo: (x: number, y: number) => path.lineTo(map(x, y)),
    quadraticCurveTo: (cx: number, cy: number, x: number, y: number) => path.quadraticTo(map(cx, cy), map(x, y)),
    bezierCurveTo: (c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number) =>
      path.cubicTo(map(c1x, c1y), map(c2x, c2y), map(x, y)),
    closePath: () => path.close(),
  };
  (glyph.path.toFunction() as (context: typeof pen) => void)(pen);
}

/**
 * Maps font units of one ideograph so its em box is centred on (x, y), `height` points tall,
 * condensed horizontally as seal lettering is, and turned by `turn` radians.
 */
function glyphMapper(face: FontFace, char: string, x: number, y: number, height: number, turn: number): (u: number, v: number) => Point {
  const unitsPerEm = face.font.unitsPerEm;
  const advance = face.font.glyphForCodePoint(char.codePointAt(0) ?? 0).advanceWidth;
  const scale = height / unitsPerEm;
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  // The ideographic em box runs from -0.12 em to 0.88 em: its centre is 0.38 em above the baseline.
  const centreV = 0.38 * unitsPerEm;
  return (u, v) => {
    const lx = (u - advance / 2) * scale * 0.82;
    const ly = (v - centreV) * scale;
    return [x + lx * cos - ly * sin, y + lx * sin + ly * cos];
  };
}

function appendStar(path: OutlinePath, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.382;
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    const p: Point = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    if (i === 0) path.moveTo(p);
    else path.lineTo(p);
  }
  path.close();
}

function appendArcText(path: OutlinePath, face: FontFace, text: string, cx: number, cy: number, radius: number): void {
  const chars = [...text];
  if (chars.length === 0) return;
  const maxSpan = (250 / 180) * Math.PI;
  const rimInner = radius * 0.9;
  let height = radius * 0.3;
  let centreRadius = rimInner - height / 2;
  // Shrink the lettering until the name fits within the arc.
  while (chars.length > 1 && ((height * 0.95) / centreRadius) * (chars.length - 1) > maxSpan && height > radius * 0.12) {
    height *= 0.95;
    centreRadius = rimInner - height / 2;
  }
  const step = chars.length > 1 ? Math.min((height * 0.95) / centreRadius, maxSpan / (chars.length - 1)) : 0;
  const span = step * (chars.length - 1);
  chars.forEach((char, index) => {
    const angle = Math.PI / 2 + span / 2 - index * step;
    const x = cx + centreRadius * Math.cos(angle);
    const y = cy + centreRadius * Math.sin(angle);
    appendGlyph(path, face, char, glyphMapper(face, char, x, y, height, angle - Math.PI / 2));
  });
}

function appendCaption(path: OutlinePath, face: FontFace, caption: string, cx: number, cy: number, radius: number): void {
  const chars = [...caption];
  const height = Math.min(radius * 0.2, (radius * 1.1) / Math.max(chars.length, 1) / 0.82);
  const pitch = height * 0.82;
  const y = cy - radius * 0.55;
  chars.forEach((char, index) => {
    const x = cx - (pitch * (chars.length - 1)) / 2 + index * pitch;
    appendGlyph(path, face, char, glyphMapper(face, char, x, y, height, 0));
  });
}

export interface SealPlacement {
  cx: number;
  cy: number;
  radius: number;
  seal: SealMark;
}

export function drawSeal(page: PDFPage, placement: SealPlacement, face: FontFace): void {
  const { cx, cy, radius, seal } = placement;
  const ring = radius * 0.05;
  page.drawCircle({
    x: cx,
    y: cy,
    size: radius - ring / 2,
    borderWidth: ring,
    borderColor: SEAL_RED,
    borderOpacity: 0.92,
    blendMode: BlendMode.Multiply,
  });
  const path = new OutlinePath();
  appendStar(path, cx, cy, radius * 0.32);
  appendArcText(path, face, seal.organisationName, cx, cy, radius);
  if (seal.caption) appendCaption(path, face, seal.caption, cx, cy, radius);
  page.drawSvgPath(path.toString(), { x: 0, y: 0, color: SEAL_RED, opacity: 0.92, blendMode: BlendMode.Multiply });
}
