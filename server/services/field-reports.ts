import { randomUUID } from 'node:crypto';
import { actorOf, type Principal } from '../auth/principal.ts';
import { canManageCase, requireRead, requireStaff } from '../auth/policy.ts';
import type { CaseState, Participant } from '../domain/case-types.ts';
import { isValidMobile, isValidResidentIdNumber, maskIdNumber, maskPhone } from '../domain/identity.ts';
import { MAX_EVIDENCE_BYTES, sniffEvidenceType } from '../documents/file-type.ts';
import { AppError, type FieldIssue } from '../protocol/errors.ts';
import type { FieldReportRequest } from '../protocol/intake.ts';
import type { BlobStore } from './blob-store.ts';
import type { CaseService } from './case-service.ts';
import type { GridRegistryService } from './grid-registry.ts';
import type { PiiVault } from './pii-vault.ts';

/** A report's photos: pictures only, whatever the name says (a PDF is evidence for the court, not a field photo). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic']);

/**
 * A grid worker's field report: a dispute found in their grid, filed from a phone as a case at
 * intake for the organisation serving that grid (the registry decides which, and which court
 * guides it), with the parties met and photos of the scene.
 */
export class FieldReportService {
  constructor(
    private readonly cases: CaseService,
    private readonly registry: GridRegistryService,
    private readonly vault: PiiVault,
    private readonly blobs: BlobStore,
  ) {}

  async file(principal: Principal, request: FieldReportRequest): Promise<CaseState> {
    const account = requireStaff(principal, ['grid_worker']);
    const node = await this.registry.resolve(request.gridCode);
    if (node?.level !== 'grid') throw new AppError('invalid_input', 'Pick a grid from the registry.', [{ path: 'gridCode', message: 'unknown grid' }]);
    if (!node.effectiveOrgId || node.effectiveOrgId !== account.orgId) throw new AppError('forbidden', 'This grid is served by another organisation.');

    const fields: FieldIssue[] = [];
    request.parties.forEach((party, i) => {
      if (party.idNumber && !isValidResidentIdNumber(party.idNumber)) fields.push({ path: `parties.${i}.idNumber`, message: 'not a valid resident ID number' });
      if (party.phone && !isValidMobile(party.phone)) fields.push({ path: `parties.${i}.phone`, message: 'not a valid mobile number' });
    });
    if (fields.length > 0) throw new AppError('invalid_input', 'Please correct the highlighted fields.', fields);

    const caseId = randomUUID();
    const participants: Participant[] = request.parties.map((party) => ({
      participantId: randomUUID(),
      role: party.role,
      personKind: 'natural',
      name: party.name,
      idNumberMasked: party.idNumber ? maskIdNumber(party.idNumber) : undefined,
      phoneMasked: party.phone ? maskPhone(party.phone) : undefined,
    }));
    // Full details go to the vault before the events: an event never points at details that were not kept.
    for (const [i, party] of request.parties.entries()) {
      if (party.phone || party.idNumber) await this.vault.put(caseId, participants[i]!.participantId, { phone: party.phone, idNumber: party.idNumber });
    }
    const caseNumber = await this.cases.nextCaseNumber();
    const { state } = await this.cases.execute(caseId, actorOf(principal), () => [
      {
        type: 'case.opened',
        data: {
          caseNumber,
          channel: 'grid_report',
          disputeType: request.disputeType,
          title: request.title,
          summary: request.description,
          areaCode: node.code,
          grid: node.path.join(' › '),
          orgId: node.effectiveOrgId!,
          tier: 'grid',
          courtId: node.effectiveCourtId,
          ...(request.externalRef ? { externalRef: request.externalRef } : {}),
        },
      },
      ...participants.map((participant) => ({ type: 'participant.added' as const, data: { participant } })),
    ]);
    return state;
  }

  /** A photo of the scene: checked by its bytes, kept sealed under its SHA-256, recorded in the case log. */
  async addPhoto(principal: Principal, caseId: string, name: string, bytes: Uint8Array): Promise<CaseState> {
    const account = requireStaff(principal);
    const existing = requireRead(principal, await this.cases.get(caseId));
    const opener = existing.openedBy.kind === 'account' && existing.openedBy.accountId === account.accountId;
    if (!opener && !canManageCase(principal, existing)) throw new AppError('forbidden', 'Only the reporter or the mediator of this case adds photos.');
    if (bytes.length === 0) throw new AppError('invalid_input', 'The photo is empty.', [{ path: 'body', message: 'empty' }]);
    if (bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('payload_too_large', 'A photo may be at most 10 MB.');
    const mime = sniffEvidenceType(bytes);
    if (!mime || !PHOTO_TYPES.has(mime)) throw new AppError('invalid_input', 'Only photos (JPEG, PNG, WebP, HEIC) can be added.', [{ path: 'body', message: 'not a photo' }]);
    const sha256 = await this.blobs.put(bytes);
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      const fresh = requireRead(principal, current);
      if (!opener && !canManageCase(principal, fresh)) throw new AppError('forbidden', 'Only the reporter or the mediator of this case adds photos.');
      return [{ type: 'case.photo_added', data: { name, mime, size: bytes.length, sha256 } }];
    });
    return state;
  }

  async photo(principal: Principal, caseId: string, sha256: string): Promise<{ name: string; mime: string; bytes: Uint8Array }> {
    requireStaff(principal);
    const state = requireRead(principal, await this.cases.get(caseId));
    const photo = state.photos?.find((p) => p.sha256 === sha256);
    const bytes = photo && (await this.blobs.get(photo.sha256));
    if (!photo || !bytes) throw new AppError('not_found', 'No such photo.');
    return { name: photo.name, mime: photo.mime, bytes };
  }

  /** The reports this grid worker filed, newest change first. */
  async mine(principal: Principal): Promise<CaseState[]> {
    const account = requireStaff(principal, ['grid_worker']);
    const states = await this.cases.listIndex(`org:${account.orgId}`);
    return states.filter((s) => s.channel === 'grid_report' && s.openedBy.kind === 'account' && s.openedBy.accountId === account.accountId);
  }
}
