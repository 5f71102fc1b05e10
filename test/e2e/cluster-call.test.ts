import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { caseRoomOwner } from '../helpers/cluster.ts';
import { assertClientBuilt, residentThroughTheDoor, signIn } from '../helpers/e2e.ts';
import { startFleet, type Fleet } from '../helpers/fleet.ts';
import { roomCase } from '../helpers/page-walk.ts';
import { World } from '../helpers/world.ts';

/*
 * Two instances of the app on one Redis behind nginx, each browser on its own instance through
 * its own front (nginx falls back to the other instance when that one is down). One mediation
 * with its members on both instances: they see and hear each other through the room's one node,
 * a caucus holds the other side apart, and when the room's node is killed (kill -9) media comes
 * back on the other node within the grace period, with nobody admitted a second time.
 */

const HEARTBEAT_MS = 500;
const GRACE_SECONDS = 60;
type Person = 'mediator' | 'applicant' | 'respondent';

let fleet: Fleet;
let browser: Browser;
let caseId: string;
const pages = {} as Record<Person, Page>;
const pageErrors: string[] = [];

async function newPage(front: string, viewport = { width: 360, height: 740 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', baseURL: front });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

const peerIdOf = (person: Person) => pages[person].evaluate(() => window.mediationRoom?.peerId());

/** Waits until `receiver` decodes video and hears audio from each of `senders`' current media peers. */
async function receivesFrom(receiver: Person, senders: Person[], timeoutMs = 30_000): Promise<void> {
  const ids = await Promise.all(senders.map(peerIdOf));
  await pages[receiver].waitForFunction(
    async (peerIds) => {
      const stats = await window.mediationRoom!.inboundStats();
      return peerIds.every((id) => !!id && (stats[id]?.videoFrames ?? 0) > 0 && (stats[id]?.audioPackets ?? 0) > 0);
    },
    ids,
    { polling: 250, timeout: timeoutMs },
  );
}

/** Whether `receiver` has any receiver of `sender`'s current media peer. */
async function hasAnyOf(receiver: Person, sender: Person): Promise<boolean> {
  const id = await peerIdOf(sender);
  return pages[receiver].evaluate(async (peerId) => peerId! in (await window.mediationRoom!.inboundStats()), id);
}

async function roomNode(): Promise<{ index: number; epoch: number }> {
  const owner = await caseRoomOwner(fleet.redis.url, caseId);
  if (!owner?.ownerLive) throw new Error(`the room has no live node: ${JSON.stringify(owner)}`);
  return { index: fleet.nodes.findIndex((node) => node.id === owner.owner), epoch: owner.epoch };
}

beforeAll(async () => {
  assertClientBuilt();
  fleet = await startFleet({ instances: 2, env: { CLUSTER_HEARTBEAT_MS: String(HEARTBEAT_MS), ROOM_RECONNECT_GRACE_SECONDS: String(GRACE_SECONDS) } });
  const world = await World.create({ url: fleet.fronts[0]! });
  const c = await roomCase({ world });
  caseId = c.caseId;
  browser = await launchBrowser();
  pages.mediator = await newPage(fleet.fronts[0]!, { width: 1280, height: 800 });
  pages.applicant = await newPage(fleet.fronts[1]!);
  pages.respondent = await newPage(fleet.fronts[0]!);
  const respondentLink = await c.respondentLink();

  await signIn(pages.mediator, fleet.fronts[0]!, 'mediator', { query: 'small=1' });
  await pages.mediator.goto(`/cases/${caseId}`);
  await pages.mediator.getByTestId('enter-room').click();
  await pages.mediator.getByTestId('in-room').waitFor();
  for (const [person, link, name, last4] of [
    ['applicant', c.applicantLink, '张建国', '002X'],
    ['respondent', respondentLink, '刘秀英', '0011'],
  ] as const) {
    await pages[person].goto(`/join?small=1#${link}`);
    await residentThroughTheDoor(pages[person], name, last4);
    const row = pages.mediator.locator(`[data-testid=waiting-member][data-name="${name}"]`);
    await row.getByText('身份已核验').waitFor();
    await row.getByRole('button', { name: '准入' }).click();
    await pages[person].getByTestId('in-room').waitFor();
  }
});

afterAll(async () => {
  await browser?.close();
  await fleet?.stop();
});

describe('one mediation across two instances behind nginx, in real Chromium', () => {
  it('puts the members on different instances, and they see and hear each other through the room’s one node', async () => {
    const served = await Promise.all(fleet.fronts.map(async (front) => (await (await fetch(`${front}/health`)).json()) as { node: string; rooms: number }));
    expect(served.map((health) => health.node)).toEqual(['node-0', 'node-1']);
    // Exactly one node opened the room's router.
    expect(served.map((health) => health.rooms).sort()).toEqual([0, 1]);
    await receivesFrom('mediator', ['applicant', 'respondent']);
    await receivesFrom('applicant', ['mediator', 'respondent']);
    await receivesFrom('respondent', ['mediator', 'applicant']);
  });

  it('holds the respondent apart during a caucus with the applicant, whose instance is another', async () => {
    await pages.mediator.getByRole('button', { name: '与申请人方单独沟通' }).click();
    await pages.respondent.getByTestId('caucus-excluded').waitFor();
    await pages.applicant.getByText('背对背调解中：正在与申请人方单独沟通').waitFor();
    // Packets already on their way when the consumers were closed still arrive: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await hasAnyOf('respondent', 'applicant')).toBe(false);
    expect(await hasAnyOf('respondent', 'mediator')).toBe(false);
    expect(await hasAnyOf('applicant', 'respondent')).toBe(false);
    expect(await pages.respondent.evaluate(() => window.mediationRoom!.state()!.members)).toEqual([]);
    await pages.mediator.getByRole('button', { name: '结束背对背' }).click();
    await pages.respondent.getByTestId('caucus-excluded').waitFor({ state: 'detached' });
    await receivesFrom('respondent', ['mediator', 'applicant']);
  });

  it('after kill -9 of the room’s node, media comes back on the other node within the grace period, with no second admission', async () => {
    const before = await roomNode();
    const peersBefore = await Promise.all((['mediator', 'applicant', 'respondent'] as const).map(peerIdOf));
    await fleet.kill(before.index, 'SIGKILL');

    const deadline = GRACE_SECONDS * 1000;
    for (const person of ['mediator', 'applicant', 'respondent'] as const) {
      // A new media peer on the room's new node, set up by the page itself.
      await pages[person].waitForFunction((old) => !!window.mediationRoom?.peerId() && window.mediationRoom.peerId() !== old, peersBefore[['mediator', 'applicant', 'respondent'].indexOf(person)], { polling: 250, timeout: deadline });
    }
    await receivesFrom('mediator', ['applicant', 'respondent'], deadline);
    await receivesFrom('applicant', ['mediator', 'respondent'], deadline);
    await receivesFrom('respondent', ['mediator', 'applicant'], deadline);
    for (const person of ['applicant', 'respondent'] as const) {
      expect(await pages[person].evaluate(() => window.mediationRoom!.state()!.self.admission)).toBe('admitted');
    }
    const after = await roomNode();
    expect(after.index).toBe(1 - before.index);
    expect(after.epoch).toBeGreaterThan(before.epoch);
    expect(pageErrors).toEqual([]);
  });
});
