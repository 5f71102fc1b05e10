import path from 'node:path';
import type { AgreementText, PartyIdentity } from '../domain/agreement.ts';
import { chinaDateOf, chinaDateTime } from '../domain/china-time.ts';
import type { CaseEvent } from '../domain/case-events.ts';
import type { AgreementDocuments, FinalAgreementInput } from '../services/agreement-service.ts';
import type { CaseState } from '../domain/case-types.ts';
import { chineseDate, partyLine } from './agreement-text.ts';
import type { AuditEntry, DocumentModel, DocumentSection } from './model.ts';
import { signPdf } from './pdf-signature.ts';
import { renderDocumentPdf } from './render.ts';
import { ensureSealIdentity, loadSealIdentity, type SealIdentity, type SealPassphrases } from './seal-identity.ts';

export interface SealConfig {
  /** Where generated organisation identities are kept, one folder per organisation. */
  directory: string;
  /** A real certificate instead: a PKCS#12 file and its passphrase (used for every organisation). */
  p12Path?: string | undefined;
  p12Passphrase?: string | undefined;
  /** Passphrases of generated identities, from the key file (without: a passphrase file beside each). */
  passphrases?: SealPassphrases | undefined;
}

const FOOTER = '本文书经电子签名并加盖电子印章，以电子版为准';

/** Beijing time, as the documents print it. */
function cstTime(iso: string): string {
  const [day, time] = chinaDateTime(iso).split(' ');
  return `${chineseDate(day!)} ${time}`;
}

function sections(text: AgreementText): DocumentSection[] {
  return text.sections.map((section) => ({
    ...(section.heading ? { heading: section.heading } : {}),
    blocks: section.blocks.map((block) =>
      block.kind === 'numbered' ? { kind: 'numbered', items: block.items, marker: 'chinese' } : { kind: 'paragraph', text: block.text, ...(block.flush ? { indent: 'flush' } : {}) },
    ),
  }));
}

const AUDITED: Partial<Record<CaseEvent['type'], string>> = {
  'agreement.sent_for_signature': '协议定稿送签',
  'agreement.signed_by_party': '当事人签署',
  'agreement.countersigned': '调解员签署并盖章',
  'agreement.reopened': '协议退回修改（此前签名作废）',
  'room.identity_checked': '核验身份',
  'assistance.started': '开始帮办',
};

const ROLE_TITLE: Record<string, string> = { grid_worker: '网格员', mediator: '调解员', admin: '管理员', judge: '法官' };

/** 帮办代办 on record: what was done on an assisting staff device says by whom. */
function assistedNote(event: CaseEvent): string | undefined {
  if (event.actor.kind !== 'resident' || !event.actor.assistedBy) return undefined;
  const { role, name } = event.actor.assistedBy;
  return `由${ROLE_TITLE[role] ?? ''}${name}协助（帮办）`;
}

function whoOf(event: CaseEvent): string {
  return event.actor.kind === 'system' ? '系统' : event.actor.name;
}

function detailOf(event: CaseEvent): string | undefined {
  switch (event.type) {
    case 'agreement.sent_for_signature':
      return `文本摘要 ${event.data.documentHash.slice(0, 16)}`;
    case 'agreement.signed_by_party':
      return `${event.data.method === 'fingerprint' ? '点按确认' : '手写签名'}，IP ${event.data.ip}，签名图像 ${event.data.signatureImageHash.slice(0, 12)}`;
    case 'agreement.countersigned':
      return `IP ${event.data.ip}，签名图像 ${event.data.signatureImageHash.slice(0, 12)}`;
    case 'agreement.reopened':
      return event.data.reason;
    case 'room.identity_checked':
      return event.data.outcome === 'verified' ? '姓名及证件号码核验一致' : '调解员视频核验';
    case 'assistance.started':
      return `${ROLE_TITLE[event.data.assistedBy.role] ?? ''}${event.data.assistedBy.name}在其设备上协助当事人参加调解、签署（帮办）`;
    default:
      return undefined;
  }
}

/** The agreement's PDFs on the document engine, sealed with the organisation's digital signature. */
export class EngineAgreementDocuments implements AgreementDocuments {
  constructor(private readonly seals: SealConfig) {}

  async finalAgreement(input: FinalAgreementInput): Promise<Uint8Array> {
    const effective = new Date().toISOString();
    const audit: AuditEntry[] = input.events
      .filter((event) => AUDITED[event.type])
      .map((event) => {
        const detail = [detailOf(event), assistedNote(event)].filter(Boolean).join('；');
        return { at: cstTime(event.at), who: whoOf(event), what: AUDITED[event.type]!, ...(detail ? { detail } : {}) };
      });
    const last = input.signatures.at(-1);
    if (last) audit.push({ at: cstTime(last.signedAt), who: last.name, what: '调解员签署并盖章，协议生效', detail: `文本摘要 ${input.documentHash.slice(0, 16)}` });
    const model: DocumentModel = {
      issuer: input.organisationName,
      title: input.text.title,
      caseNumber: input.text.caseNumber,
      documentHash: input.documentHash,
      sections: sections(input.text),
      endOfTextMarker: '（以下无正文）',
      signatures: input.signatures.map((s) => ({
        label: s.label,
        name: s.name,
        image: { png: s.png },
        signedAt: cstTime(s.signedAt),
        ...(s.seal ? { seal: { organisationName: input.organisationName } } : {}),
      })),
      issuedAt: chineseDate(chinaDateOf(effective)),
      audit: { heading: '签署记录', entries: audit },
      footerNote: FOOTER,
    };
    return this.seal(await renderDocumentPdf(model), input.orgId, input.organisationName);
  }

  async failureNotice(input: { state: CaseState; organisationName: string; mediatorName: string; parties: PartyIdentity[] }): Promise<Uint8Array> {
    const { state } = input;
    const principals = input.parties.filter((p) => p.role !== 'agent');
    const names = principals.map((p) => p.name).join('、');
    const model: DocumentModel = {
      issuer: input.organisationName,
      title: '调解不成告知书',
      caseNumber: state.caseNumber,
      sections: [
        { heading: '当事人', blocks: input.parties.map((p) => ({ kind: 'paragraph', text: partyLine(p, input.parties), indent: 'flush' })) },
        {
          blocks: [
            { kind: 'paragraph', text: `${names}：` , indent: 'flush' },
            { kind: 'paragraph', text: `你们之间的${state.title}，经本委员会调解，因${state.failureReason ?? '双方未能达成协议'}，调解不成。` },
            {
              kind: 'paragraph',
              text: '依照《中华人民共和国人民调解法》第二十六条的规定，本委员会终止调解。你们可以依法通过仲裁、行政、司法等途径维护自己的权利；属于人民法院受理范围的，可以向有管辖权的人民法院提起诉讼。',
            },
            { kind: 'paragraph', text: '特此告知。' },
          ],
        },
      ],
      signatures: [{ label: '人民调解员', name: input.mediatorName, seal: { organisationName: input.organisationName } }],
      issuedAt: chineseDate(chinaDateOf(new Date().toISOString())),
      footerNote: FOOTER,
    };
    return this.seal(await renderDocumentPdf(model), state.orgId, input.organisationName);
  }

  /** Any document, rendered and sealed by its issuer (a mediation committee, or a court for a ruling). */
  async renderSealed(model: DocumentModel, issuerId: string, issuerName: string): Promise<Uint8Array> {
    return this.seal(await renderDocumentPdf(model), issuerId, issuerName);
  }

  private async identity(orgId: string, organisationName: string): Promise<SealIdentity> {
    if (this.seals.p12Path) return loadSealIdentity({ p12Path: this.seals.p12Path, passphrase: this.seals.p12Passphrase ?? '' });
    return ensureSealIdentity({ directory: path.join(this.seals.directory, orgId.replace(/[^A-Za-z0-9_-]/g, '_')), organisationName, passphrases: this.seals.passphrases });
  }

  private async seal(pdf: Uint8Array, orgId: string, organisationName: string): Promise<Uint8Array> {
    const identity = await this.identity(orgId, organisationName);
    return signPdf(pdf, identity, { reason: '人民调解委员会电子印章', location: organisationName, name: organisationName });
  }
}
