import type { AddGridNodeRequest, AssistanceStarted, CreateCourtRequest, CreateOrgRequest, FieldReportRequest, LogItemRequest, UpdateGridNodeRequest } from '@protocol';
import type { ResolvedGridNode } from '../../../../server/domain/grid-registry.ts';
import type { ItemResolution, ItemState } from '../../../../server/domain/grid-items.ts';
import type { Assistant } from '../../../../server/domain/case-types.ts';
import { ApiError } from '../../api/api-error.ts';
import type { StaffCaseView } from '../../api/api-types.ts';
import { renewStaffAccess, staffRequest } from '../../api/staff-client.ts';
import { staffSession } from '../../api/staff-session.ts';

export type { ItemResolution, ItemState, ResolvedGridNode, Assistant };

const casePath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

/** A photo goes up as its raw bytes (the server judges the type by them); a dead access token is renewed once. */
async function uploadRaw(path: string, file: Blob): Promise<StaffCaseView> {
  const send = async (token: string | undefined) => {
    let response: Response;
    try {
      response = await fetch(`/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/octet-stream', accept: 'application/json' }, body: file, cache: 'no-store' });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error');
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    return (await response.json()) as StaffCaseView;
  };
  const token = staffSession.get()?.accessToken;
  try {
    return await send(token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !(await renewStaffAccess(token))) throw error;
    return send(staffSession.get()?.accessToken);
  }
}

export const intakeApi = {
  grids: () => staffRequest<ResolvedGridNode[]>('GET', '/grid-registry'),
  addGridNode: (request: AddGridNodeRequest) => staffRequest<ResolvedGridNode>('POST', '/grid-registry/nodes', request),
  updateGridNode: (code: string, request: UpdateGridNodeRequest) => staffRequest<ResolvedGridNode>('PATCH', `/grid-registry/nodes/${encodeURIComponent(code)}`, request),
  removeGridNode: (code: string) => staffRequest<void>('DELETE', `/grid-registry/nodes/${encodeURIComponent(code)}`),
  orgs: () => staffRequest<CreateOrgRequest[]>('GET', '/orgs'),
  courts: () => staffRequest<CreateCourtRequest[]>('GET', '/courts'),
  fileReport: (request: FieldReportRequest) => staffRequest<StaffCaseView>('POST', '/field-reports', request),
  myReports: () => staffRequest<StaffCaseView[]>('GET', '/field-reports/mine'),
  addPhoto: (caseId: string, file: File) => uploadRaw(`${casePath(caseId)}/photos?name=${encodeURIComponent(file.name.slice(0, 120) || 'photo')}`, file),
  items: () => staffRequest<ItemState[]>('GET', '/items'),
  logItem: (request: LogItemRequest) => staffRequest<ItemState>('POST', '/items', request),
  closeItem: (itemId: string, resolution: ItemResolution, outcome: string) => staffRequest<ItemState>('POST', `/items/${encodeURIComponent(itemId)}/close`, { resolution, outcome }),
  startAssistance: (caseId: string, participantId: string) => staffRequest<AssistanceStarted>('POST', `${casePath(caseId)}/assistance`, { participantId }),
  endAssistance: (caseId: string, invitationId: string) => staffRequest<StaffCaseView>('DELETE', `${casePath(caseId)}/assistance/${encodeURIComponent(invitationId)}`),
  /** On a resident page: who assists this session, if anyone. */
};
