import { layoutAudit } from './layout-audit.ts';
import { layoutClosing, layoutIssuedAt, layoutSections, layoutTitleBlock } from './layout-body.ts';
import { layoutSignatures } from './layout-signatures.ts';
import type { DocumentModel } from './model.ts';
import { A4, PageFlow, TYPE, type LaidOutPage, type PageGeometry, type TextMetrics } from './page-flow.ts';

export interface LaidOutDocument {
  geometry: PageGeometry;
  pages: LaidOutPage[];
}

/** Characters of the hash shown in each footer; the audit page prints all of it. */
export const SHORT_HASH_LENGTH = 16;

/** Pass one: the whole document placed on pages, footers included (the page count is now known). */
export function layoutDocument(doc: DocumentModel, metrics: TextMetrics, geometry: PageGeometry = A4): LaidOutDocument {
  const flow = new PageFlow(geometry, metrics);
  layoutTitleBlock(flow, doc);
  layoutSections(flow, doc.sections);
  layoutClosing(flow, doc);
  layoutSignatures(flow, doc.signatures ?? []);
  layoutIssuedAt(flow, doc.issuedAt);
  layoutAudit(flow, doc.audit, doc.documentHash);

  const pages = flow.pages;
  pages.forEach((page, index) => {
    addFooter(page, flow, doc, index + 1, pages.length);
  });
  return { geometry, pages };
}

export function pageLabel(page: number, pageCount: number): string {
  return `第 ${page} 页 共 ${pageCount} 页`;
}

function addFooter(page: LaidOutPage, flow: PageFlow, doc: DocumentModel, number: number, count: number): void {
  const { geometry, metrics } = flow;
  const left = geometry.marginLeft;
  const right = geometry.width - geometry.marginRight;
  const ruleY = geometry.marginBottom - 26;
  const baseline = ruleY - 12;
  const size = TYPE.footer;
  page.items.push({ kind: 'rule', x1: left, y1: ruleY, x2: right, y2: ruleY, thickness: 0.4, ink: 'light' });

  const label = pageLabel(number, count);
  const labelWidth = metrics.width(label, 'regular', size);
  page.items.push({ kind: 'text', text: label, x: (left + right - labelWidth) / 2, y: baseline, size, font: 'regular' });
  page.items.push({ kind: 'text', text: doc.caseNumber, x: left, y: baseline, size, font: 'regular', ink: 'grey' });
  if (doc.documentHash) {
    const hash = `哈希 ${doc.documentHash.slice(0, SHORT_HASH_LENGTH)}`;
    const hashWidth = metrics.width(hash, 'regular', size);
    page.items.push({ kind: 'text', text: hash, x: right - hashWidth, y: baseline, size, font: 'regular', ink: 'grey' });
  }
  if (doc.footerNote) {
    const noteWidth = metrics.width(doc.footerNote, 'regular', size);
    page.items.push({ kind: 'text', text: doc.footerNote, x: (left + right - noteWidth) / 2, y: baseline - size * 1.6, size, font: 'regular', ink: 'grey' });
  }
}
