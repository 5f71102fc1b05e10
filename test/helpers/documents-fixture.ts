import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { DocumentModel } from '../../server/documents/model.ts';

/** An RGBA PNG with a transparent background and a pen stroke, as a signature pad produces. */
export function penStrokePng(seed: number, width = 360, height = 120): Uint8Array {
  const rgba = Buffer.alloc(width * height * 4);
  const dot = (x: number, y: number): void => {
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        if (dx * dx + dy * dy > 5) continue;
        const px = Math.round(x + dx);
        const py = Math.round(y + dy);
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const i = (py * width + px) * 4;
        rgba.set([18, 32, 96, 255], i);
      }
    }
  };
  for (let t = 0; t < 1; t += 0.0005) {
    const x = 20 + t * (width - 40);
    const y = height / 2 + 28 * Math.sin(t * (9 + seed) * Math.PI) * Math.cos(t * 3 * Math.PI + seed) + 10 * Math.sin(t * 40);
    dot(x, y);
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
  );
}

export const PARTY_NAMES = ['张三', '李四', '王五'] as const;
export const ORGANISATION = '海淀区学院路街道人民调解委员会';

export const CLAUSES = [
  '被申请人李四于2025年3月31日前一次性向申请人张三支付卫生间漏水造成的损失共计人民币8,600元（大写：捌仟陆佰元整），通过银行转账支付至申请人指定账户。',
  '被申请人李四于2025年4月15日前自行委托有资质的施工单位，对其所有的XX小区3号楼602室卫生间重新做防水层，并做“闭水试验”48小时；施工期间产生的费用由被申请人承担。',
  '防水施工完成后，被申请人应通知申请人共同查验；查验合格的，双方在《施工验收确认单》上签字。',
  '申请人张三在收到上述款项之日起3日内，配合被申请人完成楼下502室天花板的修复查验，不得无故拒绝被申请人或施工人员入户。',
  '如被申请人逾期未支付上述款项，除应继续支付外，还应按每日万分之五向申请人支付逾期付款违约金，直至付清之日止。',
  '双方确认：本协议履行完毕后，双方就本次漏水纠纷再无其他争议——包括‘装修损失’在内；任何一方不得就同一事实再行主张权利。',
  '本协议自双方当事人签名（或电子签名）、调解员签名并加盖人民调解委员会印章之日起生效。双方可以自本协议生效之日起三十日内共同向人民法院申请司法确认。',
  '本协议一式三份，双方当事人各执一份，人民调解委员会留存一份；电子版本与纸质版本具有同等效力。',
];

export const FACTS =
  '2025年1月起，被申请人李四所有的XX小区3号楼602室卫生间多次漏水，致使申请人张三所有的502室卫生间及客厅天花板出现大面积水渍、墙皮脱落，部分家具受潮损坏。' +
  '申请人多次与被申请人协商未果，于2025年2月20日向本委员会申请调解。经现场查看并听取双方陈述，漏水系602室卫生间防水层老化所致，被申请人对此无异议。' +
  '双方争议的焦点为损失金额、维修方式及维修期限。申请人主张赔偿损失10,000元，被申请人认为部分损失系房屋自然老化，仅同意赔偿6,000元。' +
  '经调解员依法释明、说服疏导，双方本着互谅互让、友好协商的原则，自愿达成如下协议。';

export function sampleHash(): string {
  return createHash('sha256').update(CLAUSES.join('\n')).digest('hex');
}

/** A three-page mediation agreement (人民调解协议书) with Chinese parties, clauses, signatures, a seal and an audit page. */
export function sampleAgreement(): DocumentModel {
  return {
    issuer: ORGANISATION,
    title: '人民调解协议书',
    caseNumber: '（2025）海学人调字第015号',
    documentHash: sampleHash(),
    metaLines: ['调解地点：云调解室（线上）', '调解员：王五'],
    sections: [
      {
        heading: '一、当事人基本情况',
        blocks: [
          {
            kind: 'fields',
            rows: [
              ['申请人', '张三，男，汉族，1968年5月12日出生，住北京市海淀区学院路XX小区3号楼502室，联系电话138****1234。'],
              ['被申请人', '李四，女，汉族，1975年9月3日出生，住北京市海淀区学院路XX小区3号楼602室，联系电话139****5678。'],
            ],
          },
        ],
      },
      { heading: '二、纠纷主要事实、争议事项及各方责任', blocks: [{ kind: 'paragraph', text: FACTS }] },
      { heading: '三、协议内容', blocks: [{ kind: 'numbered', items: CLAUSES }] },
      {
        heading: '四、履行方式、地点和期限',
        blocks: [
          {
            kind: 'paragraph',
            text: '上述款项由被申请人通过银行转账方式于2025年3月31日前支付；防水施工在被申请人所有的602室进行，于2025年4月15日前完成。调解员将于协议履行期限届满后进行回访。',
          },
        ],
      },
    ],
    endOfTextMarker: '（以下无正文）',
    signatures: [
      { label: '申请人', name: '张三', image: { png: penStrokePng(1) }, signedAt: '2025年3月8日 14:32' },
      { label: '被申请人', name: '李四', image: { png: penStrokePng(2) }, signedAt: '2025年3月8日 14:35' },
      { label: '调解员', name: '王五', image: { png: penStrokePng(3) }, signedAt: '2025年3月8日 14:40', seal: { organisationName: ORGANISATION } },
    ],
    issuedAt: '2025年3月8日',
    audit: {
      heading: '签署审计记录',
      entries: [
        { at: '2025-03-08 14:05:12', who: '王五（调解员）', what: '发送协议签署', detail: '协议版本 v3，发送至申请人、被申请人' },
        { at: '2025-03-08 14:31:40', who: '张三（申请人）', what: '身份核验', detail: '短信验证码，尾号1234' },
        { at: '2025-03-08 14:32:05', who: '张三（申请人）', what: '电子签名', detail: '手写签名，IP 属地：北京' },
        { at: '2025-03-08 14:34:51', who: '李四（被申请人）', what: '身份核验', detail: '短信验证码，尾号5678' },
        { at: '2025-03-08 14:35:20', who: '李四（被申请人）', what: '电子签名', detail: '手写签名，IP 属地：北京' },
        { at: '2025-03-08 14:40:02', who: '王五（调解员）', what: '签名并用印', detail: `${ORGANISATION}电子印章` },
      ],
    },
    footerNote: '本文书由云调解室生成，经电子签名与电子印章，可通过文档哈希核验',
  };
}
