/**
 * Media recovery after a network outage, on the room page (the page that reconnects: 60 s grace on
 * the server, ICE restart on the client). The app server runs as its own process; the mediator
 * and the guiding judge of one case are in its room, each in a headless Chromium context with the
 * fake 320x240 camera, sending video both ways.
 *
 * An outage of N seconds on the mediator's side cuts everything at once: the mediator's browser
 * context goes offline (Chromium's network emulation: no HTTP, no WebSocket, `offline` event), its
 * Socket.IO connection is closed (the forced socket disconnect), and its media path is black-holed.
 * WebRTC traffic ignores Chromium's offline emulation, so media reaches the worker through a small
 * UDP relay in this process: the server announces 127.0.0.2 as its ICE address, the relay listens
 * there and forwards to the worker on 127.0.0.1, and drops the mediator's traffic while the outage
 * lasts (told apart from the judge's by the ICE username in its STUN checks).
 * Recovery = from the end of the outage until decoded video frames grow again in both
 * directions (mediator ← judge and judge ← mediator), polled every 50 ms. An outage that did not
 * stop the frames is reported as such, not as a recovery.
 * With --media-only-outages, outages of the media path alone (the socket stays up), to tell
 * WebRTC's own recovery from the page's reconnection.
 * Baseline in the same run: the mediator reloading the page instead (a fresh join), timed from the
 * reload to frames in both directions.
 * Run: npx tsx bench/media-recovery.bench.ts [--outages=3,10] [--media-only-outages=10] [--repeats=3]   (needs `npm run build:client`)
 * Writes bench/results/media-recovery.json.
 */
import dgram from 'node:dgram';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/services/demo-seed.ts';
import { ApiClient } from '../test/helpers/api-client.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { freePort } from '../test/helpers/processes.ts';
import { startServerProcess, type ServerProcess } from '../test/helpers/server.ts';
import { caseBody, expectOk } from '../test/helpers/world.ts';

const option = (name: string, fallback: string): string => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const OUTAGES_S = option('outages', '3,10').split(',').map(Number);
/** Outages of the media path alone (signaling untouched), which separate WebRTC's own recovery from the page's reconnection. */
const MEDIA_ONLY_OUTAGES_S = option('media-only-outages', '').split(',').filter(Boolean).map(Number);
const REPEATS = Number(option('repeats', '3'));
const POLL_MS = 50;
const RECOVERY_TIMEOUT_MS = 30_000;
const TARGET_MS = 1500;
/** The address the server announces in its ICE candidates; the relay listens there. */
const RELAY_IP = '127.0.0.2';

const STUN_MAGIC_COOKIE = 0x2112a442;
const STUN_USERNAME = 0x0006;

/** The server's ICE username fragment from a STUN request's USERNAME ("server:client"), if it is one. */
function serverUfragOf(packet: Buffer): string | undefined {
  if (packet.length < 20 || packet[0]! > 1 || packet.readUInt32BE(4) !== STUN_MAGIC_COOKIE) return undefined;
  let offset = 20;
  while (offset + 4 <= packet.length) {
    const type = packet.readUInt16BE(offset);
    const length = packet.readUInt16BE(offset + 2);
    if (type === STUN_USERNAME) return packet.toString('utf8', offset + 4, offset + 4 + length).split(':')[0];
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return undefined;
}

/**
 * Forwards UDP between browsers and the worker, one upstream socket per browser address. While
 * down, it drops the traffic of the browser addresses whose ICE checks named one of the cut
 * transports (by the server's username fragment), so only one party has the outage.
 */
class UdpRelay {
  private dropping = false;
  /** Server-side ICE username fragments of the party to cut. */
  readonly cutUfrags = new Set<string>();
  private readonly ufragOfClient = new Map<string, string>();
  private readonly upstreams = new Map<string, dgram.Socket>();

  private constructor(
    private readonly front: dgram.Socket,
    target: { ip: string; port: number },
  ) {
    front.on('message', (message, from) => {
      const client = `${from.address}:${from.port}`;
      const ufrag = serverUfragOf(message);
      if (ufrag) this.ufragOfClient.set(client, ufrag);
      if (this.cut(client)) return;
      this.upstream(from).send(message, target.port, target.ip);
    });
  }

  static async start(listen: { ip: string; port: number }, target: { ip: string; port: number }): Promise<UdpRelay> {
    const front = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.bind(listen.port, listen.ip, () => resolve());
    });
    return new UdpRelay(front, target);
  }

  set down(value: boolean) {
    this.dropping = value;
  }

  private cut(client: string): boolean {
    if (!this.dropping) return false;
    const ufrag = this.ufragOfClient.get(client);
    return ufrag !== undefined && this.cutUfrags.has(ufrag);
  }

  close(): void {
    this.front.close();
    for (const socket of this.upstreams.values()) socket.close();
  }

  private upstream(from: dgram.RemoteInfo): dgram.Socket {
    const key = `${from.address}:${from.port}`;
    let socket = this.upstreams.get(key);
    if (!socket) {
      socket = dgram.createSocket('udp4');
      socket.bind(0, '127.0.0.1');
      socket.on('message', (reply) => {
        if (!this.cut(key)) this.front.send(reply, from.port, from.address);
      });
      this.upstreams.set(key, socket);
    }
    return socket;
  }
}

interface Party {
  context: BrowserContext;
  page: Page;
}

async function enterRoom(browser: Browser, url: string, username: string, caseId: string, watch?: (page: Page) => void): Promise<Party> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  watch?.(page);
  // `small=1`: the 320x240, 15 fps camera for the rest of the session.
  await page.goto(`${url}/login?small=1`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/cases');
  await page.goto(`${url}/cases/${caseId}`);
  await page.getByTestId('enter-room').click();
  await page.waitForURL(`**/cases/${caseId}/room`);
  await page.waitForFunction(() => !!window.mediationRoom?.peerId() && window.mediationRoom.producers().length > 0, undefined, { timeout: 30_000 });
  return { context, page };
}

/** Decoded video frames per remote peer; empty while the page is navigating. */
async function frames(page: Page): Promise<Record<string, number>> {
  try {
    return await page.evaluate(async () => {
      const stats = (await window.mediationRoom?.inboundStats()) ?? {};
      return Object.fromEntries(Object.entries(stats).map(([peerId, s]) => [peerId, s.videoFrames]));
    });
  } catch {
    return {};
  }
}

function grew(before: Record<string, number>, after: Record<string, number>): boolean {
  return Object.entries(after).some(([peerId, count]) => count > (before[peerId] ?? 0));
}

interface Growth {
  /** ms from `since` until frames grew in both directions; undefined on timeout. */
  bothMs: number | undefined;
  /** Page a receiving (a ← b), and page b receiving (b ← a). */
  aMs: number | undefined;
  bMs: number | undefined;
  /** When page a's socket was connected again. */
  aSocketMs: number | undefined;
}

async function socketConnected(page: Page): Promise<boolean> {
  return page.evaluate(() => window.mediationRoom?.connection() === 'connected').catch(() => false);
}

/** Polls both pages from `since` until video frames grow in both directions. */
async function untilBothGrow(a: Page, b: Page, since: number, initial?: [Record<string, number>, Record<string, number>]): Promise<Growth> {
  let [lastA, lastB] = initial ?? [await frames(a), await frames(b)];
  const at: { a?: number; b?: number; socket?: number } = {};
  const ms = (t: number | undefined) => (t === undefined ? undefined : +(t - since).toFixed(0));
  while (performance.now() - since < RECOVERY_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const [nowA, nowB, connected] = await Promise.all([frames(a), frames(b), at.socket === undefined ? socketConnected(a) : true]);
    const now = performance.now();
    if (at.a === undefined && grew(lastA, nowA)) at.a = now;
    if (at.b === undefined && grew(lastB, nowB)) at.b = now;
    if (at.socket === undefined && connected) at.socket = now;
    if (at.a !== undefined && at.b !== undefined) break;
    lastA = nowA;
    lastB = nowB;
  }
  const both = at.a !== undefined && at.b !== undefined ? Math.max(at.a, at.b) : undefined;
  return { bothMs: ms(both), aMs: ms(at.a), bMs: ms(at.b), aSocketMs: ms(at.socket) };
}

type OutageKind = 'full' | 'media only';

interface OutageSample {
  kind: OutageKind;
  outageS: number;
  /** Video frames stopped in both directions during the last second of the outage. */
  mediaStopped: boolean;
  recoveryMs: number | undefined;
  /** The same per direction, and when the mediator's socket was connected again. */
  mediatorReceivingMs: number | undefined;
  judgeReceivingMs: number | undefined;
  socketBackMs: number | undefined;
  iceRestarts: number;
}

async function outage(mediator: Party, judge: Party, relay: UdpRelay, seconds: number, kind: OutageKind = 'full'): Promise<OutageSample> {
  // Media flowing both ways before anything is cut.
  const flowing = await untilBothGrow(mediator.page, judge.page, performance.now());
  if (flowing.bothMs === undefined) throw new Error('media was not flowing before the outage');
  const restartsBefore = await mediator.page.evaluate(() => window.mediationRoom!.iceRestarts());
  relay.down = true;
  if (kind === 'full') {
    await mediator.context.setOffline(true);
    await mediator.page.evaluate(() => window.mediationRoom!.socket.io.engine.close());
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 - 1000));
  const lastSecond: [Record<string, number>, Record<string, number>] = [await frames(mediator.page), await frames(judge.page)];
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const atEnd: [Record<string, number>, Record<string, number>] = [await frames(mediator.page), await frames(judge.page)];
  const mediaStopped = !grew(lastSecond[0], atEnd[0]) && !grew(lastSecond[1], atEnd[1]);
  relay.down = false;
  if (kind === 'full') await mediator.context.setOffline(false);
  const end = performance.now();
  const growth = await untilBothGrow(mediator.page, judge.page, end, atEnd);
  const iceRestarts = (await mediator.page.evaluate(() => window.mediationRoom!.iceRestarts())) - restartsBefore;
  console.log(
    `${kind} outage ${seconds} s: media ${mediaStopped ? 'stopped' : 'DID NOT STOP'}; back in both directions after ${growth.bothMs === undefined ? `more than ${RECOVERY_TIMEOUT_MS} ms` : `${growth.bothMs} ms`} (mediator receiving ${growth.aMs ?? '–'} ms, judge receiving ${growth.bMs ?? '–'} ms, mediator's socket connected ${growth.aSocketMs ?? '–'} ms); ICE restarts ${iceRestarts}`,
  );
  return { kind, outageS: seconds, mediaStopped, recoveryMs: growth.bothMs, mediatorReceivingMs: growth.aMs, judgeReceivingMs: growth.bMs, socketBackMs: growth.aSocketMs, iceRestarts };
}

/** The baseline: the mediator reloads the page (a fresh join) instead of recovering. */
async function freshJoin(mediator: Party, judge: Party): Promise<number | undefined> {
  const before: [Record<string, number>, Record<string, number>] = [await frames(mediator.page), await frames(judge.page)];
  const start = performance.now();
  await mediator.page.reload();
  // The reloaded page counts from zero under new peer ids; anything it decodes is growth.
  const ms = (await untilBothGrow(mediator.page, judge.page, start, [{}, before[1]])).bothMs;
  console.log(`fresh join (reload): media in both directions after ${ms === undefined ? 'never' : `${ms.toFixed(0)} ms`}`);
  return ms === undefined ? undefined : +ms.toFixed(0);
}

function percentile(values: number[], p: number): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function openCase(url: string): Promise<string> {
  const api = new ApiClient(url);
  const [admin, mediator, judge] = await Promise.all([api.login('admin'), api.login('mediator'), api.login('judge')]);
  const opened = await expectOk(judge.post('/cases', caseBody({ channel: 'court_referral', orgId: 'baicheng', disputeType: 'neighbour' })));
  const caseId = opened.body.caseId as string;
  const accounts = await expectOk(admin.get('/accounts'));
  const mediatorId = accounts.body.find((a: { username: string }) => a.username === 'mediator').accountId;
  await expectOk(admin.post(`/cases/${caseId}/assign`, { mediatorId }));
  await expectOk(mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  await expectOk(mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '张建国', sex: 'male', idNumber: '11010519491231002X', phone: '13812345678' }));
  await expectOk(mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 3600_000).toISOString() }));
  return caseId;
}

async function main(): Promise<void> {
  const webRtcPort = await freePort();
  let server: ServerProcess | undefined;
  let relay: UdpRelay | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServerProcess({ WEBRTC_PORT: String(webRtcPort), MEDIA_ANNOUNCED_ADDRESS: RELAY_IP, LOG_LEVEL: 'warn' });
    relay = await UdpRelay.start({ ip: RELAY_IP, port: webRtcPort }, { ip: '127.0.0.1', port: webRtcPort });
    const caseId = await openCase(server.url);
    browser = await launchBrowser();
    // The mediator's transports (and those after an ICE restart or a reload) are learnt from what
    // the server tells its page: every usernameFragment in a Socket.IO frame.
    const ufrags = relay.cutUfrags;
    const mediator = await enterRoom(browser, server.url, 'mediator', caseId, (page) =>
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
          for (const match of String(payload).matchAll(/"usernameFragment":"([^"]+)"/g)) ufrags.add(match[1]!);
        }),
      ),
    );
    const judge = await enterRoom(browser, server.url, 'judge', caseId);

    const samples: OutageSample[] = [];
    const joins: Array<number | undefined> = [];
    for (let r = 0; r < REPEATS; r++) {
      for (const seconds of OUTAGES_S) samples.push(await outage(mediator, judge, relay, seconds));
      for (const seconds of MEDIA_ONLY_OUTAGES_S) samples.push(await outage(mediator, judge, relay, seconds, 'media only'));
      joins.push(await freshJoin(mediator, judge));
    }

    const joinTimes = joins.filter((v): v is number => v !== undefined);
    const kinds = [...OUTAGES_S.map((seconds) => ({ kind: 'full' as const, seconds })), ...MEDIA_ONLY_OUTAGES_S.map((seconds) => ({ kind: 'media only' as const, seconds }))];
    const summary = kinds.map(({ kind, seconds }) => {
      const mine = samples.filter((s) => s.outageS === seconds && s.kind === kind);
      const times = mine.filter((s) => s.mediaStopped && s.recoveryMs !== undefined).map((s) => s.recoveryMs!);
      return {
        kind,
        outageS: seconds,
        samples: mine.length,
        notStopped: mine.filter((s) => !s.mediaStopped).length,
        notRecovered: mine.filter((s) => s.mediaStopped && s.recoveryMs === undefined).length,
        p50Ms: percentile(times, 50),
        maxMs: times.length ? Math.max(...times) : null,
        socketBackP50Ms: percentile(mine.map((s) => s.socketBackMs).filter((v): v is number => v !== undefined), 50),
      };
    });
    const joinP50 = percentile(joinTimes, 50);
    console.log(`\nMedia recovery on the room page: mediator and judge, 320x240 fake cameras, one worker, ${os.cpus().length} cores (server and browser share them); ${REPEATS} repetitions\n`);
    console.log('| outage (full: offline + socket closed + media black-holed; media only: the media path alone) | baseline: fresh join by reload, p50 / max ms | ours: media back after the outage ends, p50 / max ms | p50 ours/baseline | socket connected again, p50 ms | not recovered | outage did not stop media |');
    console.log('|---|---|---|---|---|---|---|');
    for (const s of summary) {
      console.log(
        `| ${s.kind}, ${s.outageS} s | ${joinP50 ?? '–'} / ${joinTimes.length ? Math.max(...joinTimes) : '–'} | ${s.p50Ms ?? '–'} / ${s.maxMs ?? '–'} | ${s.p50Ms !== null && joinP50 ? (s.p50Ms / joinP50).toFixed(2) : '–'} | ${s.kind === 'full' ? (s.socketBackP50Ms ?? '–') : 'not cut'} | ${s.notRecovered} of ${s.samples} | ${s.notStopped} of ${s.samples} |`,
      );
    }
    const worst = Math.max(...summary.filter((s) => s.kind === 'full').map((s) => s.maxMs ?? Infinity));
    console.log(`\nTarget: media back ≤ ${TARGET_MS} ms after an outage of ≤ 10 s: ${worst <= TARGET_MS ? 'met' : 'missed'} (worst ${Number.isFinite(worst) ? `${worst} ms` : 'not recovered'}). Fresh joins that failed: ${joins.length - joinTimes.length} of ${joins.length}.`);
    await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
    await fs.writeFile(
      path.join(import.meta.dirname, 'results', 'media-recovery.json'),
      JSON.stringify({ measuredAt: new Date().toISOString(), outagesS: OUTAGES_S, repeats: REPEATS, pollMs: POLL_MS, summary, freshJoin: { p50Ms: joinP50, samples: joins }, samples }, null, 2),
    );
  } finally {
    await browser?.close().catch(() => undefined);
    relay?.close();
    await server?.stop('SIGKILL').catch(() => undefined);
  }
}


main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
