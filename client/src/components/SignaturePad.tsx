import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import './signature-pad.css';
import { drawTapMark, TAP_MARK_HALF_WIDTH, TAP_MARK_RADIUS, TAP_MARK_WORDS_HEIGHT } from './tap-mark.ts';

/** `pen`: a drawn signature. `tap`: a tap leaves the 点按确认 mark (tap-mark.ts), a drawn symbol, not a biometric. */
export type SignatureMode = 'pen' | 'tap';

interface SignaturePadProps {
  mode?: SignatureMode;
  /** Read by screen readers: what this box is for. */
  label: string;
  /**
   * After each stroke or press and after clearing: the image as a transparent PNG in base64
   * (no `data:` prefix), or undefined while there is too little ink to count as a signature.
   */
  onChange: (png: string | undefined) => void;
  /** Height in CSS pixels; the width follows the container. */
  height?: number;
  disabled?: boolean;
  testId?: string;
}

/** Points in CSS pixels; `w` is the line width there. */
interface Point {
  x: number;
  y: number;
  w: number;
}
type Mark = { kind: 'stroke'; points: Point[] } | { kind: 'tap'; x: number; y: number };

const INK = '#111827';
/*
 * Of the whole pad, not of the trimmed export: the server only refuses an (almost) empty image,
 * and a stray dot, trimmed, would pass it. A dot is not a signature, so it is refused here.
 */
const MIN_INK_RATIO = 0.004;
/** Wider exports (a 3x phone) are scaled down: the PNG stays well under the server's 300 KB limit. */
const MAX_EXPORT_WIDTH = 1200;

function mid(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, w: (a.w + b.w) / 2 };
}

/** Draws the piece of a stroke that point `i` completes: a quadratic curve through the midpoints, so corners come out smooth. */
function drawSegment(ctx: CanvasRenderingContext2D, points: Point[], i: number): void {
  const prev = points[i - 1]!;
  const current = points[i]!;
  ctx.lineWidth = current.w;
  ctx.beginPath();
  if (i === 1) {
    ctx.moveTo(prev.x, prev.y);
    const m = mid(prev, current);
    ctx.lineTo(m.x, m.y);
  } else {
    const start = mid(points[i - 2]!, prev);
    const end = mid(prev, current);
    ctx.moveTo(start.x, start.y);
    ctx.quadraticCurveTo(prev.x, prev.y, end.x, end.y);
  }
  ctx.stroke();
}

/** The last half-segment to the final point, or a dot for a tap. */
function finishStroke(ctx: CanvasRenderingContext2D, points: Point[]): void {
  const last = points[points.length - 1]!;
  if (points.length === 1) {
    ctx.beginPath();
    ctx.arc(last.x, last.y, last.w / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  const m = mid(points[points.length - 2]!, last);
  ctx.lineWidth = last.w;
  ctx.beginPath();
  ctx.moveTo(m.x, m.y);
  ctx.lineTo(last.x, last.y);
  ctx.stroke();
}

interface Ink {
  /** The share of the pad's pixels with ink in them. */
  ratio: number;
  /** The inked area, in backing-store pixels. */
  box: { left: number; top: number; right: number; bottom: number } | undefined;
}

function measureInk(canvas: HTMLCanvasElement): Ink {
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0 || canvas.height === 0) return { ratio: 0, box: undefined };
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const alpha = data[(y * width + x) * 4 + 3]!;
      if (alpha === 0) continue;
      if (alpha > 64) ink++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return { ratio: ink / (width * height), box: right < 0 ? undefined : { left, top, right: right + 1, bottom: bottom + 1 } };
}

/** [from, to] widened by `margin` and to at least `min`, within [0, limit]. */
function span(from: number, to: number, margin: number, min: number, limit: number): [number, number] {
  let a = Math.max(0, from - margin);
  let b = Math.min(limit, to + margin);
  if (b - a < min) {
    b = Math.min(limit, Math.max(0, Math.round((a + b - min) / 2)) + min);
    a = Math.max(0, b - min);
  }
  return [a, b];
}

/**
 * The inked part of the pad with a margin, as a PNG. A document fits the image into its
 * signature block, so the pad's empty rest would only shrink the signature (and a tap mark to
 * a speck). Never below the server's minimum size of 50 x 30.
 */
function exportPng(canvas: HTMLCanvasElement, box: NonNullable<Ink['box']>): string {
  const margin = Math.round(Math.max(canvas.width, canvas.height) * 0.03) + 2;
  const [left, right] = span(box.left, box.right, margin, 120, canvas.width);
  const [top, bottom] = span(box.top, box.bottom, margin, 72, canvas.height);
  const scale = Math.min(1, MAX_EXPORT_WIDTH / (right - left));
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round((right - left) * scale));
  out.height = Math.max(1, Math.round((bottom - top) * scale));
  out.getContext('2d')!.drawImage(canvas, left, top, right - left, bottom - top, 0, 0, out.width, out.height);
  return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

/**
 * A signature pad: pointer events (finger, pen and mouse alike), a backing store at the
 * device's pixel ratio so strokes stay sharp on a phone, strokes kept as points so a resize or
 * rotation redraws them, and a transparent PNG out. In `tap` mode a tap leaves the 点按确认
 * mark instead (a ring, a tick and those words), for someone who cannot write their name.
 */
export function SignaturePad({ mode = 'pen', label, onChange, height = 180, disabled = false, testId }: SignaturePadProps) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const marks = useRef<Mark[]>([]);
  const drawing = useRef<{ pointerId: number; points: Point[] } | null>(null);
  const changed = useRef(onChange);
  const [hasMarks, setHasMarks] = useState(false);
  const [tooLittle, setTooLittle] = useState(false);

  useLayoutEffect(() => {
    changed.current = onChange;
  });

  const context = useCallback((): CanvasRenderingContext2D | null => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return null;
    const scale = canvas.width / Math.max(1, canvas.clientWidth);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    return ctx;
  }, []);

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    for (const mark of marks.current) {
      if (mark.kind === 'tap') {
        drawTapMark(ctx, mark.x, mark.y);
        continue;
      }
      for (let i = 1; i < mark.points.length; i++) drawSegment(ctx, mark.points, i);
      finishStroke(ctx, mark.points);
    }
  }, [context]);

  // The backing store follows the box's size and the pixel ratio; the marks are redrawn into it.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(canvas.clientWidth * ratio);
      const heightPx = Math.round(canvas.clientHeight * ratio);
      if (width === canvas.width && heightPx === canvas.height) return;
      canvas.width = width;
      canvas.height = heightPx;
      redraw();
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [redraw]);

  const emit = useCallback(() => {
    const canvas = canvasRef.current;
    const any = marks.current.length > 0;
    setHasMarks(any);
    if (!canvas || !any) {
      setTooLittle(false);
      changed.current(undefined);
      return;
    }
    const ink = measureInk(canvas);
    const enough = !!ink.box && ink.ratio >= MIN_INK_RATIO;
    setTooLittle(!enough);
    changed.current(enough && ink.box ? exportPng(canvas, ink.box) : undefined);
  }, []);

  const pointOf = (event: { clientX: number; clientY: number; pressure: number; pointerType: string }): Point => {
    const rect = canvasRef.current!.getBoundingClientRect();
    // A pen reports real pressure; fingers and mice report 0.5 (or 0), so they get a steady line.
    const w = event.pointerType === 'pen' && event.pressure > 0 ? 1.4 + event.pressure * 3.2 : 3;
    return { x: event.clientX - rect.left, y: event.clientY - rect.top, w };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled || drawing.current || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    const canvas = canvasRef.current!;
    if (mode === 'tap') {
      const { x, y } = pointOf(event);
      // The whole mark stays on the pad: the ring, and the words under it.
      const clampedX = Math.min(Math.max(x, TAP_MARK_HALF_WIDTH + 2), canvas.clientWidth - TAP_MARK_HALF_WIDTH - 2);
      const clampedY = Math.min(Math.max(y, TAP_MARK_RADIUS + 2), canvas.clientHeight - TAP_MARK_RADIUS - TAP_MARK_WORDS_HEIGHT - 2);
      // One mark: tapping again replaces it rather than stacking marks.
      marks.current = [{ kind: 'tap', x: clampedX, y: clampedY }];
      redraw();
      emit();
      return;
    }
    canvas.setPointerCapture(event.pointerId);
    drawing.current = { pointerId: event.pointerId, points: [pointOf(event)] };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const stroke = drawing.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    const ctx = context();
    if (!ctx) return;
    // Coalesced events carry the points the browser merged between frames: fast strokes stay smooth.
    const native = event.nativeEvent;
    const samples = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const sample of samples.length > 0 ? samples : [native]) {
      const point = pointOf(sample);
      const last = stroke.points[stroke.points.length - 1]!;
      if (Math.hypot(point.x - last.x, point.y - last.y) < 0.8) continue;
      stroke.points.push(point);
      drawSegment(ctx, stroke.points, stroke.points.length - 1);
    }
  };

  const endStroke = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const stroke = drawing.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    drawing.current = null;
    const ctx = context();
    if (ctx) finishStroke(ctx, stroke.points);
    marks.current = [...marks.current, { kind: 'stroke', points: stroke.points }];
    emit();
  };

  const clear = () => {
    marks.current = [];
    drawing.current = null;
    redraw();
    emit();
  };

  const placeholder = mode === 'tap' ? t('pad.placeholder.tap') : t('pad.placeholder.pen');
  return (
    <div className={`signature-pad ${mode}${disabled ? ' disabled' : ''}`} data-testid={testId}>
      <div className="signature-pad-box" style={{ height }}>
        <canvas
          ref={canvasRef}
          aria-label={label}
          role="img"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onContextMenu={(event) => event.preventDefault()}
        />
        {!hasMarks && (
          <span className="signature-pad-placeholder" aria-hidden="true">
            {placeholder}
          </span>
        )}
        {mode === 'pen' && <span className="signature-pad-line" aria-hidden="true" />}
      </div>
      <div className="signature-pad-footer">
        <span className="signature-pad-status" role="status">
          {tooLittle ? t('pad.tooLittle') : hasMarks ? t('pad.done') : ''}
        </span>
        <button type="button" className="button secondary small" onClick={clear} disabled={disabled || !hasMarks}>
          {t('pad.clear')}
        </button>
      </div>
    </div>
  );
}
