/**
 * A resident's phone on 4G, from tapping the invitation link to the first frame of the mediator's
 * video: our split client against the same client built as one bundle, in one run, interleaved.
 *
 * Two app servers (demo mode, one worker each) serve the two builds: client/dist as built, and a
 * copy built here with every dynamic import inlined. The mediator waits in the case's room on an
 * unthrottled page. Each sample is a fresh case and a fresh, cold browser context at 360x740 under
 * Chromium's network emulation (DevTools' presets: Fast 4G is 9 Mbit/s down, 1.5 up, 165 ms;
 * Slow 4G is 1.6 Mbit/s down, 750 kbit/s up, 562.5 ms; both at 90 % of the nominal rate, as
 * DevTools applies them). The harness taps through the door at once (device check, declaration,
 * identity) and the mediator admits as soon as the resident is waiting: the figures hold no human
 * think time, and admission comes as early as it can (before the room has been fetched in the
 * background: the worst case for the split build).
 * Times are from navigation start (the tap) in the resident's page: the waiting room on screen,
 * and the first decoded frame of the mediator's picture. Bytes are the compressed bodies fetched
 * before the waiting room showed (Resource Timing).
 * Run: npx tsx bench/resident-link.bench.ts [--runs=5]   (after `npm run build:client`)
 * Writes bench/results/resident-link.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { repoRoot } from '../server/media/worker-binary.mjs';
import { ApiClient, tokenOfLink } from '../test/helpers/api-client.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { residentThroughTheDoor, submitSignIn } from '../test/helpers/e2e.ts';
import { captureOutput, freePort, spawnTracked, waitUntil } from '../test/helpers/processes.ts';

const option = (name: string, fallback: number): number => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value ? Number(value) : fallback;
};
const RUNS = option('runs', 5);
const TIMEOUT_MS = option('timeout', 60_000);
const MEDIATOR_NAME = '李调解';

const PROFILES = {
  'Fast 4G': { offline: false, latency: 60 * 2.75, downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9 },
  'Slow 4G': { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 },
} as const;
type ProfileName = keyof typeof PROFILES;
type Variant = 'split' | 'unsplit';

interface Sample {
  waitingRoomMs?: number | undefined;
  firstFrameMs?: number | undefined;
  bytesToWaitingRoom?: number | undefined;
  requestsToWaitingRoom?: number | undefined;
  failure?: string | undefined;
}

interface Server {
  url: string;
  stop: () => void;
}

declare global {
  interface Window {
    __residentLink?: { waitingRoomAt?: number; firstFrameAt?: number };
  }
}

async function buildUnsplit(outDir: string): Promise<void> {
  await build({
    configFile: path.join(repoRoot, 'client', 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { output: { inlineDynamicImports: true } } },
  });
}

async function startServer(clientDistDir: string): Promise<Server> {
  const port = await freePort();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-resident-link-'));
  const child = spawnTracked(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', APP_MODE: 'demo', DATA_DIR: dataDir, CLIENT_DIST_DIR: clientDistDir, MEDIA_LISTEN_IP: '127.0.0.1', WEBRTC_PORT: '0', MEDIA_WORKERS: '1', LOG_LEVEL: 'warn', SOCKETS_PER_PRINCIPAL: '1000' },
  });
  const output = captureOutput(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok || undefined, { timeoutMs: 60_000, what: 'the server to answer /health' });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- server output ---\n${output()}`);
  }
  return {
    url,
    stop: () => {
      child.kill('SIGKILL');
      void fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A case of the demo mediator with a session now, an applicant and their invitation link. */
async function newCase(server: Server): Promise<{ caseId: string; link: string }> {
  const api = new ApiClient(server.url);
  const [admin, judge, mediator] = await Promise.all([api.login('admin'), api.login('judge'), api.login('mediator')]);
  const ok = async <T extends { status: number; body: any }>(call: Promise<T>): Promise<T> => {
    const res = await call;
    if (res.status >= 300) throw new Error(`set-up call failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const opened = await ok(judge.post('/cases', { channel: 'court_referral', orgId: 'baicheng', disputeType: 'debt', title: '民间借贷纠纷', summary: '申请人称被申请人借款逾期未还。', areaCode: '370785001' }));
  const caseId = opened.body.caseId as string;
  const accounts = await ok(admin.get('/accounts'));
  const mediatorId = accounts.body.find((a: { username: string }) => a.username === 'mediator').accountId as string;
  await ok(admin.post(`/cases/${caseId}/assign`, { mediatorId }));
  await ok(mediator.post(`/cases/${caseId}/accept`, { noConflictDeclared: true }));
  const added = await ok(mediator.post(`/cases/${caseId}/participants`, { role: 'applicant', name: '王秀兰', idNumber: '11010519491231002X', phone: '13812345678' }));
  await ok(mediator.post(`/cases/${caseId}/sessions`, { startsAt: new Date(Date.now() + 60_000).toISOString() }));
  const invitation = await ok(mediator.post(`/cases/${caseId}/invitations`, { participantId: added.body.participantId }));
  return { caseId, link: `${server.url}/join?small=1#${tokenOfLink(invitation.body.url)}` };
}

/** In the resident's page before its scripts: when the waiting room appears, and the mediator's first decoded frame. */
function installProbe(mediatorName: string): void {
  const probe: { waitingRoomAt?: number; firstFrameAt?: number } = {};
  window.__residentLink = probe;
  const timer = setInterval(() => {
    if (probe.waitingRoomAt === undefined && document.querySelector('[data-testid=waiting-room]')) probe.waitingRoomAt = performance.now();
    const video = document.querySelector(`figure[data-name="${mediatorName}"] video`) as HTMLVideoElement | null;
    const decoded = video?.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
    if (video && video.videoWidth > 0 && decoded > 0) {
      probe.firstFrameAt = performance.now();
      clearInterval(timer);
    }
  }, 10);
}
const probeScript = `var __name = (f) => f; (${installProbe.toString()})(${JSON.stringify(MEDIATOR_NAME)});`;

async function mediatorInRoom(browser: Browser, server: Server, caseId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${server.url}/login?small=1`);
  await submitSignIn(page, 'mediator');
  await page.goto(`${server.url}/cases/${caseId}/room`);
  await page.waitForFunction(() => (window.mediationRoom?.producers().length ?? 0) > 0, undefined, { timeout: 30_000 });
  // Admit the resident the moment they wait.
  void page
    .locator('[data-testid=waiting-member][data-name="王秀兰"]')
    .getByRole('button', { name: '准入' })
    .click({ timeout: TIMEOUT_MS })
    .catch(() => undefined);
  return context;
}

async function measure(browser: Browser, server: Server, profile: ProfileName): Promise<Sample> {
  const { caseId, link } = await newCase(server);
  const mediator = await mediatorInRoom(browser, server, caseId);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  try {
    await context.addInitScript({ content: probeScript });
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', PROFILES[profile]);
    await page.goto(link);
    await residentThroughTheDoor(page, '王秀兰', '002X');
    await page.waitForFunction(() => window.__residentLink?.firstFrameAt !== undefined, undefined, { timeout: TIMEOUT_MS, polling: 50 }).catch(() => undefined);
    const result = await page.evaluate(() => {
      const probe = window.__residentLink ?? {};
      const before = probe.waitingRoomAt ?? Number.POSITIVE_INFINITY;
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
      const early = entries.filter((entry) => entry.startTime < before && new URL(entry.name).origin === location.origin && !entry.name.includes('/api/') && !entry.name.includes('/socket.io'));
      return { ...probe, bytes: early.reduce((sum, entry) => sum + entry.encodedBodySize, 0), requests: early.length };
    });
    return {
      waitingRoomMs: result.waitingRoomAt,
      firstFrameMs: result.firstFrameAt,
      bytesToWaitingRoom: result.bytes,
      requestsToWaitingRoom: result.requests,
      ...(result.firstFrameAt === undefined ? { failure: result.waitingRoomAt === undefined ? 'never reached the waiting room' : 'no frame from the mediator' } : {}),
    };
  } catch (error) {
    return { failure: String(error).split('\n')[0] };
  } finally {
    await context.close().catch(() => undefined);
    await mediator.close().catch(() => undefined);
  }
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return +(sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2).toFixed(0);
};

function summarize(samples: Sample[]) {
  const pick = (key: 'waitingRoomMs' | 'firstFrameMs' | 'bytesToWaitingRoom' | 'requestsToWaitingRoom') => samples.map((s) => s[key]).filter((v): v is number => v !== undefined);
  return {
    samples: samples.length,
    failures: samples.filter((s) => s.failure).length,
    waitingRoomMedianMs: median(pick('waitingRoomMs')),
    firstFrameMedianMs: median(pick('firstFrameMs')),
    bytesToWaitingRoomMedian: median(pick('bytesToWaitingRoom')),
    requestsToWaitingRoomMedian: median(pick('requestsToWaitingRoom')),
  };
}

async function main(): Promise<void> {
  const unsplitDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-unsplit-client-'));
  await buildUnsplit(unsplitDir);
  const servers: Record<Variant, Server> = {
    split: await startServer(path.join(repoRoot, 'client', 'dist')),
    unsplit: await startServer(unsplitDir),
  };
  const browser = await launchBrowser();
  try {
    // One untimed warm-up per server: the worker's first router and codecs.
    for (const variant of ['split', 'unsplit'] as const) await measure(browser, servers[variant], 'Fast 4G');
    const samples: Record<ProfileName, Record<Variant, Sample[]>> = { 'Fast 4G': { split: [], unsplit: [] }, 'Slow 4G': { split: [], unsplit: [] } };
    for (const profile of Object.keys(PROFILES) as ProfileName[]) {
      for (let run = 0; run < RUNS; run++) {
        // Alternate which goes first, so drift in the machine's load favours neither.
        const order: Variant[] = run % 2 ? ['unsplit', 'split'] : ['split', 'unsplit'];
        for (const variant of order) samples[profile][variant].push(await measure(browser, servers[variant], profile));
      }
    }
    const summary = Object.fromEntries((Object.keys(PROFILES) as ProfileName[]).map((profile) => [profile, { split: summarize(samples[profile].split), unsplit: summarize(samples[profile].unsplit) }]));
    const fmt = (value: number | null, unit = '') => (value === null ? '–' : `${value.toLocaleString('en-US')}${unit}`);
    console.log(`\nA resident's invitation link on 4G: ${RUNS} runs per cell, interleaved, ${os.cpus().length} cores shared by server and browser\n`);
    console.log('| network | build | to the waiting room (median) | to the first remote frame (median) | bytes before the waiting room (compressed) | requests | failures |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [profile, cells] of Object.entries(summary)) {
      for (const [variant, s] of Object.entries(cells)) {
        console.log(`| ${profile} | ${variant} | ${fmt(s.waitingRoomMedianMs, ' ms')} | ${fmt(s.firstFrameMedianMs, ' ms')} | ${fmt(s.bytesToWaitingRoomMedian)} | ${fmt(s.requestsToWaitingRoomMedian)} | ${s.failures} of ${s.samples} |`);
      }
    }
    await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
    await fs.writeFile(path.join(import.meta.dirname, 'results', 'resident-link.json'), JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, profiles: PROFILES, summary, samples }, null, 2));
  } finally {
    await browser.close().catch(() => undefined);
    servers.split.stop();
    servers.unsplit.stop();
    await fs.rm(unsplitDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
