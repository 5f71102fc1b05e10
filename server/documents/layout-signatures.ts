import type { SignatureBlock } from './model.ts';
import { TYPE, type PageFlow, type TextStyle } from './page-flow.ts';

const NAME: TextStyle = { size: TYPE.body, font: 'regular' };
const NOTE: TextStyle = { size: TYPE.small, font: 'regular', ink: 'grey' };

const COLUMNS = 2;
const COLUMN_GAP = 24;
const IMAGE_HEIGHT = 54;
const IMAGE_MAX_WIDTH = 160;
const ROW_GAP = 14;
/** 人民调解委员会印章: a circle 4.2 cm across with a star in the centre. */
export const SEAL_RADIUS = (42 / 2) * (72 / 25.4);

/**
 * Signature blocks two per row, each kept whole on one page: "label：name", the drawn signature
 * (fitted into a box above a signature line), the signing time, and for a sealed block the
 * organisation's name with its red seal stamped across the block.
 */
export function layoutSignatures(flow: PageFlow, signatures: SignatureBlock[]): void {
  if (signatures.length === 0) return;
  const columnWidth = (flow.contentWidth - COLUMN_GAP * (COLUMNS - 1)) / COLUMNS;
  flow.advance(flow.lineHeight(NAME) * 0.75);
  for (let start = 0; start < signatures.length; start += COLUMNS) {
    const row = signatures.slice(start, start + COLUMNS);
    const height = Math.max(...row.map((block) => blockHeight(flow, block, columnWidth)));
    flow.ensure(height);
    const rowTop = flow.top;
    row.forEach((block, column) => {
      flow.top = rowTop;
      placeBlock(flow, block, flow.left + column * (columnWidth + COLUMN_GAP), columnWidth);
    });
    flow.top = rowTop + height + ROW_GAP;
  }
}

function headLine(block: SignatureBlock): string {
  return `${block.label}：${block.name}`;
}

function contentHeight(flow: PageFlow, block: SignatureBlock, width: number): number {
  let height = flow.wrap(headLine(block), NAME, width).length * flow.lineHeight(NAME) + IMAGE_HEIGHT + 4;
  if (block.signedAt) height += flow.wrap(signedAtLine(block.signedAt), NOTE, width).length * flow.lineHeight(NOTE);
  if (block.seal) height += flow.wrap(block.seal.organisationName, NOTE, width).length * flow.lineHeight(NOTE);
  return height;
}

function blockHeight(flow: PageFlow, block: SignatureBlock, width: number): number {
  const content = contentHeight(flow, block, width);
  return block.seal ? Math.max(content, SEAL_RADIUS * 2 + 8) : content;
}

function signedAtLine(signedAt: string): string {
  return `签署时间：${signedAt}`;
}

function placeBlock(flow: PageFlow, block: SignatureBlock, x: number, width: number): void {
  const blockTop = flow.top;
  flow.text(headLine(block), NAME, { x, width });

  const boxTop = flow.top;
  const boxWidth = Math.min(width, IMAGE_MAX_WIDTH);
  if (block.image) {
    flow.add({ kind: 'image', png: block.image.png, x, y: flow.y(boxTop + IMAGE_HEIGHT), width: boxWidth, height: IMAGE_HEIGHT });
  }
  const lineY = flow.y(boxTop + IMAGE_HEIGHT + 1);
  flow.add({ kind: 'rule', x1: x, y1: lineY, x2: x + boxWidth, y2: lineY, thickness: 0.5, ink: 'light' });
  flow.advance(IMAGE_HEIGHT + 4);

  if (block.signedAt) flow.text(signedAtLine(block.signedAt), NOTE, { x, width });
  if (block.seal) {
    flow.text(block.seal.organisationName, NOTE, { x, width });
    // Stamped across the name, the signature and the date, as a committee seal is applied.
    const sealHeight = Math.max(flow.top - blockTop, SEAL_RADIUS * 2);
    flow.add({
      kind: 'seal',
      cx: x + Math.min(width - SEAL_RADIUS, boxWidth * 0.62),
      cy: flow.y(blockTop + sealHeight / 2 + 2),
      radius: SEAL_RADIUS,
      seal: block.seal,
    });
  }
}
