import type { DocumentBlock, DocumentModel, DocumentSection, FieldsBlock, NumberMarker } from './model.ts';
import { TYPE, type PageFlow, type TextStyle } from './page-flow.ts';

const BODY: TextStyle = { size: TYPE.body, font: 'regular' };
const HEADING: TextStyle = { size: TYPE.body, font: 'bold' };

/** Issuer, title, subtitle, case number and meta lines on the first page. */
export function layoutTitleBlock(flow: PageFlow, doc: DocumentModel): void {
  if (doc.issuer) {
    flow.text(doc.issuer, { size: TYPE.issuer, font: 'bold', lineHeight: 1.5 }, { align: 'center' });
    flow.advance(4);
  }
  flow.text(doc.title, { size: TYPE.title, font: 'bold', lineHeight: 1.5 }, { align: 'center' });
  if (doc.subtitle) flow.text(doc.subtitle, { size: TYPE.subtitle, font: 'regular', lineHeight: 1.5 }, { align: 'center' });
  flow.advance(6);
  flow.text(doc.caseNumber, BODY, { align: 'right' });
  for (const line of doc.metaLines ?? []) flow.text(line, BODY, { align: 'left' });
  flow.advance(flow.lineHeight(BODY) * 0.5);
}

export function layoutSections(flow: PageFlow, sections: DocumentSection[]): void {
  const lineHeight = flow.lineHeight(BODY);
  for (const section of sections) {
    if (section.heading) {
      if (!flow.atPageTop) flow.advance(lineHeight * 0.4);
      // Keep a heading with at least two lines of what follows it.
      flow.ensure(lineHeight * 3);
      flow.text(section.heading, HEADING, { align: 'left' });
    }
    for (const block of section.blocks) layoutBlock(flow, block);
  }
}

function layoutBlock(flow: PageFlow, block: DocumentBlock): void {
  const indent = TYPE.body * 2;
  switch (block.kind) {
    case 'paragraph': {
      const align = block.align ?? 'justify';
      const indented = (block.indent ?? 'indent') === 'indent' && align === 'justify';
      flow.text(block.text, BODY, { align, indent: indented ? indent : 0 });
      return;
    }
    case 'numbered':
      block.items.forEach((item, index) => {
        flow.text(`${numberMarker(block.marker ?? 'decimal', index + 1)}${item}`, BODY, { align: 'justify', indent });
      });
      return;
    case 'fields':
      layoutFields(flow, block);
      return;
  }
}

/** Label column on the left (as wide as the widest label, at most a third), value wrapping beside it. */
function layoutFields(flow: PageFlow, block: FieldsBlock): void {
  const lineHeight = flow.lineHeight(BODY);
  const labels = block.rows.map(([label]) => (/[:：]$/.test(label) ? label : `${label}：`));
  const widest = Math.max(0, ...labels.map((label) => flow.metrics.width(label, BODY.font, BODY.size)));
  const labelWidth = Math.min(widest, flow.contentWidth / 3);
  const valueX = flow.left + labelWidth;
  const valueWidth = flow.contentWidth - labelWidth;
  block.rows.forEach(([, value], row) => {
    const labelLines = flow.wrap(labels[row] ?? '', BODY, labelWidth);
    const valueLines = flow.wrap(value, BODY, valueWidth);
    const count = Math.max(labelLines.length, valueLines.length);
    // Keep short rows whole; a long value may continue on the next page.
    flow.ensure(lineHeight * Math.min(count, 3));
    for (let i = 0; i < count; i++) {
      flow.ensure(lineHeight);
      const label = labelLines[i];
      const valueLine = valueLines[i];
      if (label) flow.placeLine(label, BODY, flow.left, labelWidth, 'left');
      if (valueLine) flow.placeLine(valueLine, BODY, valueX, valueWidth, 'justify');
      flow.advance(lineHeight);
    }
  });
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function numberMarker(marker: NumberMarker, n: number): string {
  switch (marker) {
    case 'decimal':
      return `${n}.`;
    case 'chinese':
      return `${chineseNumeral(n)}、`;
    case 'parenthesised':
      return `（${chineseNumeral(n)}）`;
  }
}

export function layoutClosing(flow: PageFlow, doc: DocumentModel): void {
  if (doc.endOfTextMarker) flow.text(doc.endOfTextMarker, BODY, { align: 'justify', indent: TYPE.body * 2 });
}

export function layoutIssuedAt(flow: PageFlow, issuedAt: string): void {
  flow.advance(flow.lineHeight(BODY) * 0.5);
  flow.ensure(flow.lineHeight(BODY));
  flow.text(issuedAt, BODY, { align: 'right' });
}
