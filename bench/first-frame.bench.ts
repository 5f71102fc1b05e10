/**
 * Time to first frame: the app server as its own process (demo mode, one worker), one headless
 * Chromium with the fake 320x240 camera, a "host" already in room R. Each join is a fresh browser
 * context opening /dev?room=R&autojoin=1&small=1; an init script in the page records, with
 * performance.now(), the moment the call is created (join begins) and polls inboundStats() every
 * 20 ms for the first decoded remote video frame and the first remote audio packet.
 * Baseline in the same run, interleaved with ours: two RTCPeerConnections connected directly
 * inside one page with the same fake camera and microphone, timed from getUserMedia to the first
 * decoded frame / first audio packet. It is the floor of Chromium's own media start-up; our ratio to
 * it shows what signaling and the SFU add.
 * Media recovery after an outage is measured on the room page, which reconnects: media-recovery.bench.ts.
 * Run: npx tsx bench/first-frame.bench.ts [--joins=20]   (needs `npm run build:client` first)
 * Writes bench/results/first-frame.json.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { repoRoot } from '../server/media/worker-binary.mjs';
import { launchBrowser } from '../test/helpers/browser.ts';
import { captureOutput, freePort, spawnTracked, waitUntil } from '../test/helpers/processes.ts';

const option = (name: string, fallback: number): number => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value ? Number(value) : fallback;
};
const JOINS = option('joins', 20);
const TIMEOUT_MS = option('timeout', 15_000);
const POLL_MS = 20;
const ROOM = 'bench-first-frame';

/** Times in ms; undefined = did not happen within the timeout. */
interface Sample {
  videoMs: number | undefined;
  audioMs: number | undefined;
  /** Ours only: the same, counted from navigation start (performance.timeOrigin). */
  videoFromNavMs?: number | undefined;
  audioFromNavMs?: number | undefined;
  /** Ours, when something did not arrive: the call's status and error then, for diagnosis. */
  failure?: string;
}

interface Summary {
  samples: number;
  videoP50Ms: number | null;
  videoP95Ms: number | null;
  videoFailures: number;
  audioP50Ms: number | null;
  audioP95Ms: number | null;
  audioFailures: number;
}

interface FirstFrameProbe {
  joinAt?: number;
  videoAt?: number;
  audioAt?: number;
  done?: boolean;
}

interface CallHandle {
  state: { status: string };
  inboundStats(): Promise<Array<{ kind: 'audio' | 'video'; packetsReceived: number; framesDecoded: number }>>;
}

declare global {
  interface Window {
    __firstFrame?: FirstFrameProbe;
  }
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return +sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!.toFixed(1);
}

function summarize(samples: Sample[], from: 'join' | 'nav'): Summary {
  const pick = (s: Sample, kind: 'video' | 'audio') => (from === 'join' ? s[`${kind}Ms`] : s[`${kind}FromNavMs`]);
  const times = (kind: 'video' | 'audio') => samples.map((s) => pick(s, kind)).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  const video = times('video');
  const audio = times('audio');
  return {
    samples: samples.length,
    videoP50Ms: percentile(video, 50),
    videoP95Ms: percentile(video, 95),
    videoFailures: samples.length - video.length,
    audioP50Ms: percentile(audio, 50),
    audioP95Ms: percentile(audio, 95),
    audioFailures: samples.length - audio.length,
  };
}

async function startServer(): Promise<{ url: string; stop: () => void; output: () => string }> {
  const port = await freePort();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-first-frame-'));
  const child = spawnTracked(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', APP_MODE: 'demo', DATA_DIR: dataDir, MEDIA_LISTEN_IP: '127.0.0.1', WEBRTC_PORT: '0', MEDIA_WORKERS: '1', LOG_LEVEL: 'warn' },
  });
  const output = captureOutput(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => (await fetch(`${url}/health`)).ok || undefined, { timeoutMs: 60_000, what: 'the server to answer /health' });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- server output ---\n${output()}`);
  }
  return {
    url,
    output,
    stop: () => {
      child.kill('SIGKILL');
      void fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs in every page before its own scripts: catches the assignment of window.mediationRoomCall
 * (the moment the dev page starts its join) and polls the call's inbound counters.
 */
function installProbe(pollMs: number): void {
  const probe: FirstFrameProbe = {};
  window.__firstFrame = probe;
  let call: CallHandle | undefined;
  Object.defineProperty(window, 'mediationRoomCall', {
    configurable: true,
    get: () => call,
    set: (value: CallHandle) => {
      call = value;
      probe.joinAt ??= performance.now();
    },
  });
  let busy = false;
  const timer = setInterval(() => {
    if (!call || busy) return;
    busy = true;
    call
      .inboundStats()
      .then((rows) => {
        const now = performance.now();
        if (probe.videoAt === undefined && rows.some((r) => r.kind === 'video' && r.framesDecoded > 0)) probe.videoAt = now;
        if (probe.audioAt === undefined && rows.some((r) => r.kind === 'audio' && r.packetsReceived > 0)) probe.audioAt = now;
        if (probe.videoAt !== undefined && probe.audioAt !== undefined) {
          probe.done = true;
          clearInterval(timer);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, pollMs);
}

/** The probe as page script. tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper the page lacks. */
const probeScript = `var __name = (f) => f; (${installProbe.toString()})(${POLL_MS});`;

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 640, height: 480 } });
}

function devUrl(url: string, name: string): string {
  return `${url}/dev?room=${ROOM}&name=${encodeURIComponent(name)}&autojoin=1&small=1`;
}

async function measureOurs(browser: Browser, url: string, name: string): Promise<Sample> {
  const context = await newContext(browser);
  try {
    await context.addInitScript({ content: probeScript });
    const page = await context.newPage();
    await page.goto(devUrl(url, name));
    await page.waitForFunction(() => window.__firstFrame?.done === true, undefined, { timeout: TIMEOUT_MS, polling: 50 }).catch(() => undefined);
    const probe = await page.evaluate(() => ({ ...window.__firstFrame, status: window.mediationRoomCall?.state.status ?? 'no call', error: window.mediationRoomCall?.state.error }));
    await page.evaluate(() => (window.mediationRoomCall as unknown as { leave(): Promise<void> } | undefined)?.leave()).catch(() => undefined);
    const since = (at: number | undefined, origin: number | undefined) => (at === undefined || origin === undefined ? undefined : at - origin);
    return {
      videoMs: since(probe.videoAt, probe.joinAt),
      audioMs: since(probe.audioAt, probe.joinAt),
      videoFromNavMs: since(probe.videoAt, 0),
      audioFromNavMs: since(probe.audioAt, 0),
      ...(probe.done ? {} : { failure: `status ${probe.status}${probe.error ? `: ${probe.error}` : ''}, join began ${probe.joinAt === undefined ? 'never' : `at ${probe.joinAt.toFixed(0)} ms`}` }),
    };
  } finally {
    await context.close();
  }
}

/** Two RTCPeerConnections connected directly in one page: Chromium's own start-up floor. */
async function measureLoopback(browser: Browser, url: string, timeoutMs: number): Promise<Sample> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    // Any page of the app's origin will do: 127.0.0.1 is a secure context, so getUserMedia works.
    await page.goto(`${url}/health`);
    const result = await page.evaluate(
      async ({ pollMs, timeoutMs }) => {
        const t0 = performance.now();
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240, frameRate: 15 } });
        const sender = new RTCPeerConnection();
        const receiver = new RTCPeerConnection();
        sender.onicecandidate = (e) => void (e.candidate && receiver.addIceCandidate(e.candidate));
        receiver.onicecandidate = (e) => void (e.candidate && sender.addIceCandidate(e.candidate));
        for (const track of stream.getTracks()) sender.addTrack(track, stream);
        await sender.setLocalDescription(await sender.createOffer());
        await receiver.setRemoteDescription(sender.localDescription!);
        await receiver.setLocalDescription(await receiver.createAnswer());
        await sender.setRemoteDescription(receiver.localDescription!);
        let videoAt: number | undefined;
        let audioAt: number | undefined;
        const deadline = t0 + timeoutMs;
        while ((videoAt === undefined || audioAt === undefined) && performance.now() < deadline) {
          const stats = await receiver.getStats();
          const now = performance.now();
          stats.forEach((s: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
            if (s.type !== 'inbound-rtp') return;
            if (s.kind === 'video' && (s.framesDecoded ?? 0) > 0) videoAt ??= now;
            if (s.kind === 'audio' && (s.packetsReceived ?? 0) > 0) audioAt ??= now;
          });
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
        sender.close();
        receiver.close();
        for (const track of stream.getTracks()) track.stop();
        return { videoMs: videoAt === undefined ? undefined : videoAt - t0, audioMs: audioAt === undefined ? undefined : audioAt - t0 };
      },
      { pollMs: POLL_MS, timeoutMs },
    );
    return { videoMs: result.videoMs, audioMs: result.audioMs };
  } finally {
    await context.close();
  }
}

const fmt = (v: number | null): string => (v === null ? '–' : String(v));
const ratio = (a: number | null, b: number | null): string => (a === null || b === null || b === 0 ? '–' : (a / b).toFixed(1));

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  const host = await newContext(browser);
  try {
    const hostPage = await host.newPage();
    await hostPage.goto(devUrl(server.url, 'host'));
    await hostPage.waitForFunction(() => window.mediationRoomCall?.state.status === 'joined', undefined, { timeout: 30_000 });
    // One untimed warm-up of each, so first-launch costs (codec start-up, page cache) do not count.
    await measureLoopback(browser, server.url, TIMEOUT_MS);
    await measureOurs(browser, server.url, 'warmup');
    const baseline: Sample[] = [];
    const ours: Sample[] = [];
    for (let i = 0; i < JOINS; i++) {
      baseline.push(await measureLoopback(browser, server.url, TIMEOUT_MS));
      ours.push(await measureOurs(browser, server.url, `join-${i}`));
    }
    const b = summarize(baseline, 'join');
    const o = summarize(ours, 'join');
    const n = summarize(ours, 'nav');
    console.log(`\nTime to first frame: ${JOINS} joins on loopback, 320x240 fake camera, one worker, ${os.cpus().length} cores (server and browser share them)\n`);
    console.log('| | baseline p50 / p95 ms (loopback RTCPeerConnection pair) | ours p50 / p95 ms (from join start) | p95 ours/baseline | ours failures | ours from navigation start p50 / p95 ms |');
    console.log('|---|---|---|---|---|---|');
    console.log(`| first decoded video frame | ${fmt(b.videoP50Ms)} / ${fmt(b.videoP95Ms)} | ${fmt(o.videoP50Ms)} / ${fmt(o.videoP95Ms)} | ${ratio(o.videoP95Ms, b.videoP95Ms)} | ${o.videoFailures} of ${o.samples} | ${fmt(n.videoP50Ms)} / ${fmt(n.videoP95Ms)} |`);
    console.log(`| first audio packet | ${fmt(b.audioP50Ms)} / ${fmt(b.audioP95Ms)} | ${fmt(o.audioP50Ms)} / ${fmt(o.audioP95Ms)} | ${ratio(o.audioP95Ms, b.audioP95Ms)} | ${o.audioFailures} of ${o.samples} | ${fmt(n.audioP50Ms)} / ${fmt(n.audioP95Ms)} |`);
    console.log(`\nBaseline failures: video ${b.videoFailures}, audio ${b.audioFailures} of ${b.samples}. Target: first frame p95 ≤ 500 ms with 0 failures in 200 joins.`);
    await fs.mkdir(path.join(import.meta.dirname, 'results'), { recursive: true });
    await fs.writeFile(
      path.join(import.meta.dirname, 'results', 'first-frame.json'),
      JSON.stringify({ measuredAt: new Date().toISOString(), joins: JOINS, pollMs: POLL_MS, baseline: b, ours: o, oursFromNavigation: n, samples: { baseline, ours } }, null, 2),
    );
  } finally {
    await host.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
