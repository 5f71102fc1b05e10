import type { Socket } from 'socket.io-client';
import type { RoomSnapshot } from '../../server/protocol/room.ts';
import { afterAll, beforeAll } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { startTestServer } from './server.ts';
import { connectRaw, send } from './signaling-client.ts';
import { expectOk, World, type CaseWithResident } from './world.ts';

export interface RoomCast {
  caseId: string;
  applicant: CaseWithResident;
  respondentToken: string;
  respondentKey: string;
  applicantKey: string;
  judgeKey: string;
  mediatorKey: string;
}

/**
 * A case with a scheduled session, an applicant and a respondent who both opened their links,
 * referred by the demo judge and run by the demo mediator.
 */
export async function roomCast(world: World): Promise<RoomCast> {
  const applicant = await world.referredCase();
  const { caseId } = applicant;
  const respondent = await world.withResident(world.mediator, caseId, { role: 'respondent', name: '李四', idNumber: '110101199003070011', phone: '13900001111' });
  await expectOk(world.mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
  return {
    caseId,
    applicant,
    respondentToken: respondent.residentToken,
    respondentKey: `p:${respondent.participantId}`,
    applicantKey: `p:${applicant.participantId}`,
    judgeKey: `a:${await world.accountId('judge')}`,
    mediatorKey: `a:${await world.accountId('mediator')}`,
  };
}

export async function staffSocket(app: Pick<RunningApp, 'url'>, client: { token?: string | undefined }): Promise<Socket> {
  return connectRaw(app.url, { kind: 'staff', accessToken: client.token });
}

export async function residentSocket(app: Pick<RunningApp, 'url'>, residentToken: string): Promise<Socket> {
  return connectRaw(app.url, { kind: 'resident', residentToken });
}

/** Enter, declare, and pass the identity check: the resident then waits for admission. */
export async function residentToWaiting(socket: Socket, name: string, idLast4: string): Promise<void> {
  await expectAck(send(socket, 'room:enter', {}));
  await expectAck(send(socket, 'room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: false }));
  await expectAck(send(socket, 'room:verifyIdentity', { name, idLast4 }));
}

export async function expectAck<T extends { ok: boolean }>(promise: Promise<T>): Promise<T & { ok: true }> {
  const reply = await promise;
  if (!reply.ok) throw new Error(`request refused: ${JSON.stringify(reply)}`);
  return reply as T & { ok: true };
}

/**
 * The usual socket-test set-up, registered in the calling file: a test server (with `env`) and its
 * demo world, handed to `ready`; after the file, every socket given to the returned `track` is
 * closed, then the server.
 */
export function withSocketWorld(ready: (app: RunningApp, world: World) => void, env: Record<string, string> = {}): <T extends Socket>(socket: T) => T {
  const sockets: Socket[] = [];
  let app: RunningApp | undefined;
  beforeAll(async () => {
    app = await startTestServer(env);
    ready(app, await World.create(app));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
  });
  return (socket) => {
    sockets.push(socket);
    return socket;
  };
}

type Reachable = Pick<RunningApp, 'url'>;

/**
 * A case's room with the mediator in and both residents admitted. Each member connects to the
 * server named for them (one server for all unless a test spreads them over instances).
 */
export async function roomWithEveryone(
  world: World,
  at: { mediator: Reachable; applicant?: Reachable; respondent?: Reachable },
  track: <T extends Socket>(socket: T) => T = (socket) => socket,
): Promise<{ cast: RoomCast; mediator: Socket; applicant: Socket; respondent: Socket }> {
  const cast = await roomCast(world);
  const mediator = track(await staffSocket(at.mediator, world.mediator));
  await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
  const applicant = track(await residentSocket(at.applicant ?? at.mediator, cast.applicant.residentToken));
  await residentToWaiting(applicant, '张三', '002X');
  const respondent = track(await residentSocket(at.respondent ?? at.mediator, cast.respondentToken));
  await residentToWaiting(respondent, '李四', '0011');
  await expectAck(send(mediator, 'room:admit', { memberKey: cast.applicantKey }));
  await expectAck(send(mediator, 'room:admit', { memberKey: cast.respondentKey }));
  return { cast, mediator, applicant, respondent };
}

/** From now on, the latest room view pushed to `socket`. */
export function lastState(socket: Socket): () => RoomSnapshot | undefined {
  let latest: RoomSnapshot | undefined;
  socket.on('room:state', (snapshot: RoomSnapshot) => (latest = snapshot));
  return () => latest;
}

/** From now on, the chat lines `socket` receives. */
export function chatHeardBy(socket: Socket): string[] {
  const texts: string[] = [];
  socket.on('chat:message', (m: { text: string }) => texts.push(m.text));
  return texts;
}
