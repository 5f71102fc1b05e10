/**
 * The generic document every legal text of the project is rendered from: the mediation agreement
 * (人民调解协议书), the mediation-failure notice (调解不成告知书), the judicial confirmation application
 * (司法确认申请书) and the ruling (民事裁定书). Templates fill it; `renderDocumentPdf` lays it out.
 * Every string is printed exactly as given (no trimming, no numbering added inside it), so the
 * text extracted from the PDF can be compared with the model.
 */

export interface DocumentModel {
  /** Centred above the title, e.g. the court (北京市海淀区人民法院) or the mediation committee. */
  issuer?: string;
  /** Centred, large: 人民调解协议书, 民事裁定书. */
  title: string;
  subtitle?: string;
  /** Printed under the title and in every page footer, e.g. （2025）海人调字第 15 号. */
  caseNumber: string;
  /**
   * Lower-case hex (e.g. SHA-256 of the canonical content): the first 16 characters in every
   * footer, all of it on the audit page (a short verification page is added when there is no audit).
   */
  documentHash?: string;
  /** Short lines under the case number (调解组织、调解员、调解地点…). */
  metaLines?: string[];
  sections: DocumentSection[];
  /** Printed right after the last section, e.g. （以下无正文）, so nothing can be added above the signatures. */
  endOfTextMarker?: string;
  signatures?: SignatureBlock[];
  /** Printed right-aligned after the signatures (the date of the document as it should read). */
  issuedAt: string;
  /** Starts on a page of its own after the body. */
  audit?: AuditTrail;
  /** A small line in every page footer, e.g. 本文书经电子签名，以电子版为准. */
  footerNote?: string;
}

export interface DocumentSection {
  /** Bold, on a line of its own: 一、当事人基本情况. */
  heading?: string;
  blocks: DocumentBlock[];
}

export type DocumentBlock = ParagraphBlock | NumberedBlock | FieldsBlock;

/** Justified text with a two-character first-line indent; `\n` starts a new line inside it. */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** Default 'indent' (首行缩进两字); 'flush' for lines such as 申请人：… that must not be indented. */
  indent?: 'indent' | 'flush';
  align?: 'justify' | 'center' | 'right';
}

/** Clauses numbered by the renderer: 1. 2. 3. (decimal), 一、二、 (chinese) or （一）（二） (parenthesised). */
export interface NumberedBlock {
  kind: 'numbered';
  items: string[];
  marker?: NumberMarker;
}

export type NumberMarker = 'decimal' | 'chinese' | 'parenthesised';

/** Label/value rows, e.g. the parties' particulars: 姓名 | 张三. The value wraps beside the label. */
export interface FieldsBlock {
  kind: 'fields';
  rows: Array<[label: string, value: string]>;
}

export interface SignatureBlock {
  /** Role as printed: 申请人, 被申请人, 调解员, 审判员. */
  label: string;
  name: string;
  /** The drawn signature: a PNG, ideally with a transparent background; scaled to fit its box. */
  image?: { png: Uint8Array };
  /** As it should read, e.g. 2025年3月8日 14:32. */
  signedAt?: string;
  /** The organisation's seal drawn in red over this block (the mediator's or the judge's). */
  seal?: SealMark;
}

export interface SealMark {
  /** Set along the upper arc, left to right: 海淀区学院路街道人民调解委员会. */
  organisationName: string;
  /** Optional short horizontal line under the star, e.g. 调解专用章. */
  caption?: string;
}

export interface AuditTrail {
  heading: string;
  /** Column headings; default 时间 / 操作人 / 事项 / 详情. */
  columns?: [at: string, who: string, what: string, detail: string];
  entries: AuditEntry[];
}

export interface AuditEntry {
  at: string;
  who: string;
  what: string;
  detail?: string;
}
