import type { AuditTrail } from './model.ts';
import { TYPE, type PageFlow, type TextStyle } from './page-flow.ts';

const CELL: TextStyle = { size: TYPE.audit, font: 'regular', lineHeight: 1.5 };
const HEAD: TextStyle = { size: TYPE.audit, font: 'bold', lineHeight: 1.5 };
const COLUMN_SHARES = [0.23, 0.2, 0.19, 0.38] as const;
const PAD_X = 4;
const PAD_Y = 3;
const DEFAULT_COLUMNS: [string, string, string, string] = ['时间', '操作人', '事项', '详情'];

/**
 * The audit page: a ruled table of who did what when (header repeated on each page, rows never
 * split), then the document's full hash so a printed copy can be checked against the record.
 */
export function layoutAudit(flow: PageFlow, audit: AuditTrail | undefined, documentHash: string | undefined): void {
  if (!audit && !documentHash) return;
  flow.newPage();
  const heading = audit?.heading ?? '文档校验信息';
  flow.text(heading, { size: TYPE.subtitle, font: 'bold', lineHeight: 1.8 }, { align: 'center' });
  flow.advance(6);

  if (audit) {
    const widths = COLUMN_SHARES.map((share) => share * flow.contentWidth);
    const header = audit.columns ?? DEFAULT_COLUMNS;
    placeRow(flow, header, widths, HEAD, 0.8);
    for (const entry of audit.entries) {
      const cells = [entry.at, entry.who, entry.what, entry.detail ?? ''];
      if (flow.top + rowHeight(flow, cells, widths, CELL) > flow.bottomLimit) {
        flow.newPage();
        placeRow(flow, header, widths, HEAD, 0.8);
      }
      placeRow(flow, cells, widths, CELL, 0.3);
    }
  }

  if (documentHash) {
    flow.advance(14);
    flow.text('文档哈希（SHA-256）：', HEAD);
    flow.text(documentHash, CELL);
  }
}

function rowHeight(flow: PageFlow, cells: readonly string[], widths: number[], style: TextStyle): number {
  const lines = cells.map((cell, i) => flow.wrap(cell, style, (widths[i] ?? 0) - PAD_X * 2).length);
  return Math.max(1, ...lines) * flow.lineHeight(style) + PAD_Y * 2;
}

function placeRow(flow: PageFlow, cells: readonly string[], widths: number[], style: TextStyle, ruleBelow: number): void {
  const height = rowHeight(flow, cells, widths, style);
  flow.ensure(height);
  const top = flow.top;
  if (ruleBelow > 0.5) rule(flow, top, 0.8);
  let x = flow.left;
  cells.forEach((cell, i) => {
    const width = widths[i] ?? 0;
    flow.top = top + PAD_Y;
    for (const line of flow.wrap(cell, style, width - PAD_X * 2)) {
      flow.placeLine(line, style, x + PAD_X, width - PAD_X * 2, 'left');
      flow.advance(flow.lineHeight(style));
    }
    x += width;
  });
  flow.top = top + height;
  rule(flow, flow.top, ruleBelow);
}

function rule(flow: PageFlow, top: number, thickness: number): void {
  const y = flow.y(top);
  flow.add({ kind: 'rule', x1: flow.left, y1: y, x2: flow.left + flow.contentWidth, y2: y, thickness, ink: thickness > 0.5 ? 'ink' : 'light' });
}
