import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';

export interface FlowSample {
  audioPackets: number;
  videoPackets: number;
  videoFrames: number;
}

/** Opens the development call page as one participant (own browser context) and joins. */
export async function joinCall(browser: Browser, url: string, roomId: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 640, height: 480 } });
  const page = await context.newPage();
  await page.goto(`${url}/dev?room=${encodeURIComponent(roomId)}&name=${encodeURIComponent(name)}&autojoin=1&small=1`);
  return { context, page };
}

export async function waitForRemoteTracks(page: Page, count: number, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    (expected) => window.mediationRoomCall?.state.status === 'joined' && window.mediationRoomCall.state.remoteTracks.length >= expected,
    count,
    { timeout: timeoutMs },
  );
}

/** Receive counters summed over all inbound streams of the page. */
export async function sampleInbound(page: Page): Promise<FlowSample> {
  const rows = await page.evaluate(() => window.mediationRoomCall!.inboundStats());
  const sum: FlowSample = { audioPackets: 0, videoPackets: 0, videoFrames: 0 };
  for (const row of rows) {
    if (row.kind === 'audio') sum.audioPackets += row.packetsReceived;
    else {
      sum.videoPackets += row.packetsReceived;
      sum.videoFrames += row.framesDecoded;
    }
  }
  return sum;
}

/** How much arrived during `ms`. */
export async function measureFlow(page: Page, ms: number): Promise<FlowSample> {
  const before = await sampleInbound(page);
  await page.waitForTimeout(ms);
  const after = await sampleInbound(page);
  return {
    audioPackets: after.audioPackets - before.audioPackets,
    videoPackets: after.videoPackets - before.videoPackets,
    videoFrames: after.videoFrames - before.videoFrames,
  };
}

/** Media flows when, over the window, audio packets, video packets and decoded frames all grew. */
export function isFlowing(delta: FlowSample): boolean {
  return delta.audioPackets > 0 && delta.videoPackets > 0 && delta.videoFrames > 0;
}
