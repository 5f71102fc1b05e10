import fs from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { waitUntil } from '../helpers/processes.ts';
import { staffSocket } from '../helpers/room-fixture.ts';
import { startTestServer, tempDataDir } from '../helpers/server.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
let dataDir: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  dataDir = tempDataDir();
  app = await startTestServer({ DATA_DIR: dataDir });
  world = await World.create(app);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
});

describe('notices', () => {
  it('tell each party and the judge of each step, live and in their list, and text residents through the message sender', async () => {
    const s = await signedCaseIn(world);
    const judgeSocket = await staffSocket(app, world.judge);
    sockets.push(judgeSocket);
    const live: Array<{ kind: string; path: string }> = [];
    judgeSocket.on('notice:posted', (notice: { kind: string; path: string }) => live.push(notice));

    const apply = { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } };
    await expectOk(s.applicant.post(`/cases/${s.caseId}/confirmation/apply`, apply));
    await expectOk(s.respondent.post(`/cases/${s.caseId}/confirmation/apply`, apply));

    await waitUntil(() => live.find((n) => n.kind === 'confirmation_assigned'), { what: 'the judge’s live notice' });
    expect(live.find((n) => n.kind === 'confirmation_assigned')!.path).toBe(`/cases/${s.caseId}/confirmation`);
    const judgeList = await expectOk(world.judge.get('/notices'));
    expect(judgeList.body.map((n: { kind: string }) => n.kind)).toContain('confirmation_assigned');

    const residentList = await waitUntil(async () => {
      const list = (await expectOk(s.applicant.get('/notices'))).body as Array<{ kind: string; text: string; path: string }>;
      return list.some((n) => n.kind === 'confirmation_filed') ? list : undefined;
    }, { what: 'the applicant’s notices' });
    expect(residentList.map((n) => n.kind)).toEqual(expect.arrayContaining(['sign_requested', 'agreement_effective', 'confirmation_filed']));
    expect(residentList.find((n) => n.kind === 'confirmation_filed')).toMatchObject({ path: '/confirmation', text: expect.stringContaining('司法确认申请') });

    // The applicant left a phone number: the default sender wrote the texts to the outbox log, with a link to the page
    // and the phone masked (the log lies with the data; a real gateway gets the full number).
    const outbox = await waitUntil(() => {
      const file = path.join(dataDir, 'outbox.log');
      const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];
      return lines.some((m) => m.text.includes('已提交法院')) ? lines : undefined;
    }, { what: 'the outbox' });
    const filed = outbox.find((m: { text: string }) => m.text.includes('已提交法院'));
    expect(filed).toMatchObject({ channel: 'sms', to: '138****5678', link: expect.stringMatching(/\/confirmation$/) });
    // The respondent left none: nothing was texted to them.
    expect(outbox.every((m: { to: string }) => m.to === '138****5678')).toBe(true);

    expect((await world.api.get('/notices')).status).toBe(401);
  });
});
