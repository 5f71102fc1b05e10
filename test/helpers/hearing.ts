import type { RunningApp } from '../../server/app.ts';
import { HEARING_CHECKLIST } from '../../server/domain/confirmation.ts';
import { send } from './signaling-client.ts';
import { expectAck, residentSocket, residentToWaiting, staffSocket } from './room-fixture.ts';
import type { Signed } from './signed-case.ts';
import { expectOk, type World } from './world.ts';

export interface HeldHearing {
  sessionId: string;
  /** Everyone leaves; the attendance stays in the case log. */
  close(): void;
}

/** Every scripted question answered for both parties. */
export function hearingAnswers(s: Signed): Record<string, Record<string, string>> {
  return Object.fromEntries([s.applicantId, s.respondentId].map((id) => [id, Object.fromEntries(HEARING_CHECKLIST.map((q) => [q.id, '是']))]));
}

/**
 * The routed judge schedules the verification hearing of an accepted application and opens it in
 * the room; both parties enter, pass the identity check, and the judge admits them (over real
 * sockets, without media). `only` admits one party alone.
 */
export async function hearingInRoom(app: RunningApp, world: World, s: Signed, only?: 'applicant'): Promise<HeldHearing> {
  const scheduled = await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
  const sessionId = (scheduled.body.sessions as Array<{ sessionId: string; kind: string }>).findLast((x) => x.kind === 'hearing')!.sessionId;
  const judge = await staffSocket(app, world.judge);
  const opened = await expectAck(send(judge, 'room:enter', { caseId: s.caseId }));
  if (!opened.data.host || opened.data.kind !== 'hearing' || opened.data.sessionId !== sessionId) throw new Error(`the judge did not open the hearing: ${JSON.stringify(opened.data)}`);
  const sockets = [judge];
  const parties = [
    { token: s.applicantToken, key: `p:${s.applicantId}`, name: s.applicantName, idLast4: s.applicantIdLast4 },
    { token: s.respondentToken, key: `p:${s.respondentId}`, name: s.respondentName, idLast4: s.respondentIdLast4 },
  ].slice(0, only ? 1 : 2);
  for (const party of parties) {
    const socket = await residentSocket(app, party.token);
    sockets.push(socket);
    await residentToWaiting(socket, party.name, party.idLast4);
    await expectAck(send(judge, 'room:admit', { memberKey: party.key, identityConfirmedOnCamera: false }));
  }
  return {
    sessionId,
    close: () => {
      for (const socket of sockets) socket.disconnect();
    },
  };
}
