import { describe, expect, it } from 'vitest';
import { layoutDocument, pageLabel } from '../../server/documents/layout.ts';
import { chineseNumeral } from '../../server/documents/layout-body.ts';
import { isCjkUnit } from '../../server/documents/line-breaking.ts';
import type { DocumentModel } from '../../server/documents/model.ts';
import { A4, type DrawItem, type TextMetrics } from '../../server/documents/page-flow.ts';

/** Stand-in metrics: ideographs one em, everything else half an em. */
const metrics: TextMetrics = {
  width: (text, _font, size) => [...text].reduce((sum, c) => sum + (isCjkUnit(c) ? size : size / 2), 0),
};

const clause = '被申请人应于本协议生效之日起十日内向申请人支付赔偿款人民币5,000元，逾期未付的，按日加付万分之五的违约金。';

function longDocument(clauses: number): DocumentModel {
  return {
    title: '民事裁定书',
    issuer: '北京市海淀区人民法院',
    caseNumber: '（2025）京0108民特123号',
    documentHash: 'ab'.repeat(32),
    sections: [
      { heading: '一、申请人', blocks: [{ kind: 'fields', rows: [['申请人', '张三，男，1968年5月12日出生']] }] },
      { heading: '二、协议内容', blocks: [{ kind: 'numbered', items: Array.from({ length: clauses }, () => clause), marker: 'chinese' }] },
    ],
    signatures: [
      { label: '审判员', name: '赵六', seal: { organisationName: '北京市海淀区人民法院' } },
      { label: '书记员', name: '钱七' },
    ],
    issuedAt: '二〇二五年三月十八日',
    audit: { heading: '审计记录', entries: Array.from({ length: 60 }, (_, i) => ({ at: `2025-03-0${(i % 9) + 1}`, who: '系统', what: `事项${i}` })) },
  };
}

const texts = (items: DrawItem[]): Extract<DrawItem, { kind: 'text' }>[] => items.flatMap((item) => (item.kind === 'text' ? [item] : []));

describe('layoutDocument', () => {
  const layout = layoutDocument(longDocument(40), metrics);

  it('paginates and labels every page with N of M', () => {
    expect(layout.pages.length).toBeGreaterThan(3);
    layout.pages.forEach((page, index) => {
      expect(texts(page.items).map((t) => t.text)).toContain(pageLabel(index + 1, layout.pages.length));
    });
  });

  it('keeps body text inside the margins', () => {
    const right = A4.width - A4.marginRight;
    for (const page of layout.pages) {
      for (const item of texts(page.items)) {
        expect(item.x).toBeGreaterThanOrEqual(A4.marginLeft - 0.01);
        expect(item.x + metrics.width(item.text, item.font, item.size) + (item.charSpacing ?? 0) * ([...item.text].length - 1)).toBeLessThanOrEqual(right + 0.01);
        expect(item.y).toBeGreaterThan(20);
        expect(item.y).toBeLessThan(A4.height - A4.marginTop + 1);
      }
    }
  });

  it('numbers clauses with Chinese numerals and centres the title', () => {
    const all = layout.pages.flatMap((page) => texts(page.items));
    expect(all.some((t) => t.text.startsWith('四十、'))).toBe(true);
    const title = all.find((t) => t.text === '民事裁定书');
    expect(title?.font).toBe('bold');
    const titleWidth = metrics.width('民事裁定书', 'bold', title?.size ?? 0);
    expect(Math.abs((title?.x ?? 0) + titleWidth / 2 - A4.width / 2 - (A4.marginLeft - A4.marginRight) / 2)).toBeLessThan(0.01);
  });

  it('places the seal on the sealed signature and the audit table on pages of its own', () => {
    const sealPage = layout.pages.findIndex((page) => page.items.some((item) => item.kind === 'seal'));
    const auditPage = layout.pages.findIndex((page) => texts(page.items).some((t) => t.text === '审计记录'));
    expect(sealPage).toBeGreaterThanOrEqual(0);
    expect(auditPage).toBeGreaterThan(sealPage);
    // 60 rows do not fit one page: the header row is repeated on the next.
    const headers = layout.pages.filter((page) => texts(page.items).some((t) => t.text === '操作人'));
    expect(headers.length).toBeGreaterThanOrEqual(2);
    expect(texts(layout.pages.at(-1)?.items ?? []).some((t) => t.text === 'ab'.repeat(32))).toBe(true);
  });

  it('writes Chinese numerals up to 99', () => {
    expect([1, 10, 11, 20, 35, 99].map(chineseNumeral)).toEqual(['一', '十', '十一', '二十', '三十五', '九十九']);
  });
});
