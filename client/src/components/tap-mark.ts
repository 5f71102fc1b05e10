/**
 * What a tap leaves in the signature pad's `tap` mode (点按确认): a ring with a tick in it and the
 * words 点按确认 under it, in the pen's ink. A plain symbol that says what it is. A tap captures no
 * fingerprint, so nothing in the mark may look like one (a red inked print with ridges, 指印), nor
 * like a seal: the signed PDF would show the court something that never happened.
 */
export const TAP_MARK_WORDS = '点按确认';
export const TAP_MARK_RADIUS = 24;
/** Below the ring: the gap and the line of words. */
export const TAP_MARK_WORDS_HEIGHT = 6 + 18;
/** Half the width of the words, the mark's widest part. */
export const TAP_MARK_HALF_WIDTH = 32;

/** The part of a canvas context the mark draws with. */
export type TapMarkCanvas = Pick<
  CanvasRenderingContext2D,
  'save' | 'restore' | 'beginPath' | 'arc' | 'moveTo' | 'lineTo' | 'stroke' | 'fillText' | 'lineWidth' | 'lineCap' | 'lineJoin' | 'font' | 'textAlign' | 'textBaseline'
>;

/** Draws the mark centred on the ring at (x, y), with the context's current ink. */
export function drawTapMark(ctx: TapMarkCanvas, x: number, y: number): void {
  ctx.save();
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.arc(x, y, TAP_MARK_RADIUS, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x - 11, y + 1);
  ctx.lineTo(x - 3, y + 9);
  ctx.lineTo(x + 12, y - 9);
  ctx.stroke();
  ctx.font = '600 15px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(TAP_MARK_WORDS, x, y + TAP_MARK_RADIUS + 6, 2 * TAP_MARK_HALF_WIDTH);
  ctx.restore();
}
