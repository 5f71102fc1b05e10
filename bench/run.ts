/**
 * Runs every benchmark one after another, each as its own child process with settings modest
 * enough for the whole run to stay well under 20 minutes on 2 cores, then writes
 * bench/results/latest.json (every result plus machine facts) and bench/results/latest.md (the
 * tables). A benchmark that fails or overruns its time limit is reported as failed and makes the
 * runner exit non-zero, after the others have run.
 * Run: npm run bench   (or: npx tsx bench/run.ts [--only=first-frame,store] after `npm run build:client`)
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

interface BenchSpec {
  name: string;
  script: string;
  args: string[];
  /** The child is killed (and the benchmark counted as failed) past this. */
  timeoutMs: number;
}

const BENCHES: BenchSpec[] = [
  { name: 'documents', script: 'documents.bench.ts', args: ['--runs=10', '--warmup=2'], timeoutMs: 4 * 60_000 },
  { name: 'store', script: 'store.bench.ts', args: ['--seconds=1'], timeoutMs: 3 * 60_000 },
  { name: 'signaling', script: 'signaling.bench.ts', args: ['--clients=100,500,1000'], timeoutMs: 4 * 60_000 },
  { name: 'cluster-signaling', script: 'cluster-signaling.bench.ts', args: ['--clients=500', '--instances=1,2,3'], timeoutMs: 4 * 60_000 },
  { name: 'first-frame', script: 'first-frame.bench.ts', args: ['--joins=20'], timeoutMs: 5 * 60_000 },
  { name: 'dispute-matching', script: 'dispute-matching.bench.ts', args: ['--disputes=1500'], timeoutMs: 3 * 60_000 },
  { name: 'resident-link', script: 'resident-link.bench.ts', args: ['--runs=5'], timeoutMs: 10 * 60_000 },
  { name: 'media-recovery', script: 'media-recovery.bench.ts', args: ['--outages=3,10', '--media-only-outages=3,10', '--repeats=3'], timeoutMs: 7 * 60_000 },
  { name: 'media-capacity', script: 'media-capacity.bench.ts', args: ['--rooms=10,20,25,30,35,40,45,50,55', '--repeats=2', '--window=6'], timeoutMs: 12 * 60_000 },
];

interface BenchOutcome {
  name: string;
  command: string;
  ok: boolean;
  error?: string;
  durationS: number;
  stdout: string;
  result?: unknown;
}

const benchDir = import.meta.dirname;
const resultsDir = path.join(benchDir, 'results');
const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1]?.split(',');

function runOne(spec: BenchSpec): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also ends the servers and browser it started.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, spec.script), ...spec.args], {
      cwd: path.dirname(benchDir),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
      process.stderr.write(chunk);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, spec.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function machineFacts() {
  let chromium: string | undefined;
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    chromium = undefined;
  }
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: path.dirname(benchDir) }).trim();
  } catch {
    commit = undefined;
  }
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    freeMemoryGbAtStart: +(os.freemem() / 2 ** 30).toFixed(1),
    loadAverageAtStart: os.loadavg().map((v) => +v.toFixed(2)),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    commit,
  };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const machine = machineFacts();
  await fs.mkdir(resultsDir, { recursive: true });
  const outcomes: BenchOutcome[] = [];
  for (const spec of BENCHES.filter((b) => !only || only.includes(b.name))) {
    const command = `npx tsx bench/${spec.script} ${spec.args.join(' ')}`.trim();
    const resultFile = path.join(resultsDir, `${spec.name}.json`);
    // A stale file from an earlier run must not pass for this run's result.
    await fs.rm(resultFile, { force: true });
    process.stdout.write(`\n=== ${spec.name}: ${command}\n`);
    const start = performance.now();
    const outcome: BenchOutcome = { name: spec.name, command, ok: false, durationS: 0, stdout: '' };
    try {
      const run = await runOne(spec);
      outcome.stdout = run.stdout;
      if (run.timedOut) outcome.error = `killed after the ${spec.timeoutMs / 1000} s limit`;
      else if (run.code !== 0) outcome.error = `exited with code ${run.code}${run.signal ? ` (signal ${run.signal})` : ''}: ${run.stderr.trim().split('\n').slice(-5).join(' | ')}`;
      else {
        try {
          outcome.result = JSON.parse(await fs.readFile(resultFile, 'utf8'));
          outcome.ok = true;
        } catch (error) {
          outcome.error = `no readable ${path.relative(process.cwd(), resultFile)}: ${String(error)}`;
        }
      }
    } catch (error) {
      outcome.error = `could not start: ${String(error)}`;
    }
    outcome.durationS = +((performance.now() - start) / 1000).toFixed(1);
    process.stdout.write(`=== ${spec.name}: ${outcome.ok ? 'ok' : `FAILED (${outcome.error})`} in ${outcome.durationS} s\n`);
    outcomes.push(outcome);
  }
  const totalS = +((Date.now() - startedAt.getTime()) / 1000).toFixed(1);
  const failed = outcomes.filter((o) => !o.ok);

  await fs.writeFile(
    path.join(resultsDir, 'latest.json'),
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        totalDurationS: totalS,
        machine,
        loadAverageAtEnd: os.loadavg().map((v) => +v.toFixed(2)),
        benchmarks: outcomes.map(({ name, command, ok, error, durationS, result }) => ({ name, command, ok, ...(error ? { error } : {}), durationS, result })),
      },
      null,
      2,
    )}\n`,
  );

  const md: string[] = [
    '# Benchmark results',
    '',
    `${startedAt.toISOString()} · ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB · Node ${machine.node}${machine.chromium ? ` · ${machine.chromium}` : ''}${machine.commit ? ` · commit ${machine.commit}` : ''}`,
    '',
    `Total ${(totalS / 60).toFixed(1)} min. Load average at start ${machine.loadAverageAtStart.join(' / ')}, at end ${os.loadavg().map((v) => v.toFixed(2)).join(' / ')} (above the core count means other work shared the machine and figures are disturbed).`,
    '',
    '| benchmark | status | duration | command |',
    '|---|---|---|---|',
    ...outcomes.map((o) => `| ${o.name} | ${o.ok ? 'ok' : `**FAILED**: ${o.error?.replaceAll('|', '\\|')}`} | ${o.durationS} s | \`${o.command}\` |`),
  ];
  for (const o of outcomes) {
    md.push('', `## ${o.name}${o.ok ? '' : ' (FAILED)'}`, '');
    const printed = o.stdout
      .split('\n')
      .filter((line) => !/^written /.test(line))
      .join('\n')
      .trim();
    // Benchmarks that print Markdown tables go in as they are; other output is kept verbatim in a fence.
    if (printed) md.push(/^\|---/m.test(printed) ? printed : `\`\`\`text\n${printed}\n\`\`\``);
    if (!o.ok) md.push('', `**FAILED**: ${o.error}`);
  }
  await fs.writeFile(path.join(resultsDir, 'latest.md'), `${md.join('\n')}\n`);
  process.stdout.write(`\nAll benchmarks in ${(totalS / 60).toFixed(1)} min; wrote bench/results/latest.json and bench/results/latest.md.\n`);
  if (failed.length) process.stderr.write(`Failed: ${failed.map((o) => o.name).join(', ')}\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
