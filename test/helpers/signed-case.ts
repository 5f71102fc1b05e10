import type { ApiClient } from './api-client.ts';
import { signaturePng } from './signature-png.ts';
import { caseBody, expectOk, type World } from './world.ts';

export interface Signed {
  caseId: string;
  applicant: ApiClient;
  respondent: ApiClient;
  applicantId: string;
  respondentId: string;
  applicantToken: string;
  respondentToken: string;
  applicantName: string;
  respondentName: string;
  /** What each party answers at the room's identity check. */
  applicantIdLast4: string;
  respondentIdLast4: string;
}

/**
 * Both parties invited with the full identities an agreement prints, and a draft of a loan's
 * repayment that passes the pre-check: what a case needs before it can be sent for signature.
 */
export async function partiesWithDraft(world: World, caseId: string) {
  const a = await world.withResident(world.mediator, caseId, { role: 'applicant', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', address: '高密市柏城镇幸福路8号', phone: '13812345678' });
  const r = await world.withResident(world.mediator, caseId, { role: 'respondent', name: '刘秀英', sex: 'female', ethnicity: '汉族', idNumber: '110101199003070011', address: '高密市柏城镇幸福路9号' });
  await expectOk(
    world.mediator.call('PUT', `/cases/${caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'debt',
        fields: { facts: '被申请人向申请人借款三万元，约定2026年6月归还，至今未还。', responsibilities: '被申请人应归还借款。' },
        obligations: [{ id: 'o1', obligorId: r.participantId, obligeeId: a.participantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
      },
    }),
  );
  return { a, r };
}

/** A case whose agreement both parties and the mediator signed through the API (it took effect now); `afterAccept` runs once the mediator accepted it. */
export async function signedCaseIn(world: World, options: { afterAccept?: (caseId: string) => Promise<void> } = {}): Promise<Signed> {
  const opened = await expectOk(world.mediator.post('/cases', caseBody({ disputeType: 'debt', title: '民间借贷纠纷' })));
  const caseId = opened.body.caseId as string;
  await expectOk(world.mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  await options.afterAccept?.(caseId);
  const { a, r } = await partiesWithDraft(world, caseId);
  const sent = await expectOk(world.mediator.post(`/cases/${caseId}/agreement/send`));
  const hash = sent.body.agreement.frozen.documentHash;
  const applicant = world.api.as(a.residentToken);
  const respondent = world.api.as(r.residentToken);
  await expectOk(applicant.post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '张建国', idLast4: '002X', method: 'handwritten', signaturePng: signaturePng(), agreed: true }));
  await expectOk(respondent.post(`/cases/${caseId}/agreement/sign`, { documentHash: hash, name: '刘秀英', idLast4: '0011', method: 'handwritten', signaturePng: signaturePng({ seed: 2 }), agreed: true }));
  await expectOk(world.mediator.post(`/cases/${caseId}/agreement/countersign`, { documentHash: hash, signaturePng: signaturePng({ seed: 3 }) }));
  return {
    caseId,
    applicant,
    respondent,
    applicantId: a.participantId,
    respondentId: r.participantId,
    applicantToken: a.residentToken,
    respondentToken: r.residentToken,
    applicantName: '张建国',
    respondentName: '刘秀英',
    applicantIdLast4: '002X',
    respondentIdLast4: '0011',
  };
}
