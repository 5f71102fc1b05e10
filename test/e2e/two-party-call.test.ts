import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { assertClientBuilt } from '../helpers/e2e.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { isFlowing, joinCall, measureFlow, waitForRemoteTracks } from '../helpers/call-page.ts';
import { startTestServer } from '../helpers/server.ts';

let app: RunningApp;
let browser: Browser;
let alice: Page;
let bob: Page;

beforeAll(async () => {
  assertClientBuilt();
  app = await startTestServer();
  browser = await launchBrowser();
  ({ page: alice } = await joinCall(browser, app.url, 'call', '申请人甲'));
  ({ page: bob } = await joinCall(browser, app.url, 'call', '被申请人乙'));
  // Each receives the other's microphone and camera.
  await Promise.all([waitForRemoteTracks(alice, 2), waitForRemoteTracks(bob, 2)]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('two participants in real Chromium through the real mediasoup worker', () => {
  it('each receives the other’s audio and video: packets and decoded frames grow on both sides', async () => {
    const [toAlice, toBob] = await Promise.all([measureFlow(alice, 2000), measureFlow(bob, 2000)]);
    expect(toAlice.audioPackets).toBeGreaterThan(20);
    expect(toAlice.videoPackets).toBeGreaterThan(10);
    expect(toAlice.videoFrames).toBeGreaterThan(5);
    expect(toBob.audioPackets).toBeGreaterThan(20);
    expect(toBob.videoPackets).toBeGreaterThan(10);
    expect(toBob.videoFrames).toBeGreaterThan(5);
  });

  it('the server’s consumers report forwarded packets for both peers', async () => {
    const room = app.rooms.find('call');
    expect(room?.peerList()).toHaveLength(2);
    for (const peer of room!.peerList()) {
      const stats = await room!.consumerStats(peer);
      expect(stats.map((row) => row.kind).sort()).toEqual(['audio', 'video']);
      for (const row of stats) expect(row.packetCount).toBeGreaterThan(0);
    }
  });

  it('detects media that stops: when Alice mutes and turns her camera off, Bob’s counters stop; they grow again after', async () => {
    await alice.evaluate(async () => {
      await window.mediationRoomCall!.setMicMuted(true);
      await window.mediationRoomCall!.setCameraOff(true);
    });
    await bob.waitForTimeout(500); // packets already in flight drain
    const whileMuted = await measureFlow(bob, 1500);
    expect(whileMuted).toEqual({ audioPackets: 0, videoPackets: 0, videoFrames: 0 });
    expect(isFlowing(whileMuted)).toBe(false);
    // Bob still sends: Alice keeps receiving.
    expect(isFlowing(await measureFlow(alice, 1000))).toBe(true);

    await alice.evaluate(async () => {
      await window.mediationRoomCall!.setMicMuted(false);
      await window.mediationRoomCall!.setCameraOff(false);
    });
    await bob.waitForTimeout(500);
    expect(isFlowing(await measureFlow(bob, 1500))).toBe(true);
  });

  it('shows the remote participant muted in the page', async () => {
    await alice.evaluate(() => window.mediationRoomCall!.setMicMuted(true));
    await expect.poll(() => bob.locator('figcaption', { hasText: '申请人甲' }).textContent()).toContain('已静音');
    await alice.evaluate(() => window.mediationRoomCall!.setMicMuted(false));
  });
});
