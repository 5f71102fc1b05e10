/**
 * Document engine benchmark: the three-page sample agreement rendered with the HarfBuzz subset
 * (ours) against the same content with the whole font embedded (baseline), and the time the
 * organisation's PAdES seal adds. Run: npx tsx bench/documents.bench.ts [--runs=20] [--warmup=3]
 * Prints a table and writes bench/results/documents.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { signPdf } from '../server/documents/pdf-signature.ts';
import { renderDocumentPdf, type RenderOptions } from '../server/documents/render.ts';
import { ensureSealIdentity } from '../server/documents/seal-identity.ts';
import { ORGANISATION, sampleAgreement } from '../test/helpers/documents-fixture.ts';

const option = (name: string, fallback: number): number => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value ? Number(value) : fallback;
};
const RUNS = option('runs', 20);
const WARMUP = option('warmup', 3);

interface Series {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function measure(task: () => Promise<Uint8Array>): Promise<Series> {
  for (let i = 0; i < WARMUP; i++) await task();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const output = await task();
    times.push(performance.now() - start);
    bytes = output.length;
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 50), p95Ms: percentile(times, 95), minMs: times[0] ?? Number.NaN, bytes };
}

const render = (options: RenderOptions) => () => renderDocumentPdf(sampleAgreement(), options);

const fmtMs = (ms: number): string => `${ms.toFixed(1)} ms`;
const fmtKb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (baseline: number, ours: number): string => `${(baseline / ours).toFixed(1)}×`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  │  ')).join('\n');
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'documents-bench-'));
  try {
    const identityStart = performance.now();
    const identity = await ensureSealIdentity({ directory: path.join(scratch, 'seal'), organisationName: ORGANISATION });
    const identityMs = performance.now() - identityStart;

    process.stdout.write(`documents bench: ${RUNS} runs after ${WARMUP} warm-ups, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
    const full = await measure(render({ fontEmbedding: 'full' }));
    const subset = await measure(render({ fontEmbedding: 'subset' }));
    const unsigned = await renderDocumentPdf(sampleAgreement());
    const signOnly = await measure(() => signPdf(unsigned, identity, { reason: '人民调解委员会电子印章', location: '北京市海淀区', name: ORGANISATION }));
    const renderAndSign = await measure(async () => {
      const pdf = await renderDocumentPdf(sampleAgreement());
      return signPdf(pdf, identity, { reason: '人民调解委员会电子印章', location: '北京市海淀区', name: ORGANISATION });
    });

    process.stdout.write('\n3-page agreement: whole font embedded (baseline) vs HarfBuzz subset (ours)\n');
    process.stdout.write(
      `${table([
        ['', 'baseline: full font', 'ours: subset', 'baseline / ours'],
        ['median', fmtMs(full.medianMs), fmtMs(subset.medianMs), ratio(full.medianMs, subset.medianMs)],
        ['p95', fmtMs(full.p95Ms), fmtMs(subset.p95Ms), ratio(full.p95Ms, subset.p95Ms)],
        ['size', fmtKb(full.bytes), fmtKb(subset.bytes), ratio(full.bytes, subset.bytes)],
      ])}\n`,
    );
    process.stdout.write('\nThe organisation seal (PAdES signature, RSA-2048, SHA-256)\n');
    process.stdout.write(
      `${table([
        ['', 'render only', 'render + seal', 'seal alone (added)'],
        ['median', fmtMs(subset.medianMs), fmtMs(renderAndSign.medianMs), fmtMs(signOnly.medianMs)],
        ['p95', fmtMs(subset.p95Ms), fmtMs(renderAndSign.p95Ms), fmtMs(signOnly.p95Ms)],
        ['size', fmtKb(subset.bytes), fmtKb(renderAndSign.bytes), `+${fmtKb(renderAndSign.bytes - subset.bytes)}`],
      ])}\n`,
    );
    process.stdout.write(`\nfirst-use seal identity (RSA-2048 key, self-signed certificate, PKCS#12): ${fmtMs(identityMs)}\n`);

    const results = {
      benchmark: 'documents',
      at: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      runs: RUNS,
      warmup: WARMUP,
      document: '3-page 人民调解协议书 sample (test/helpers/documents-fixture.ts), 3 signature PNGs, vector seal, audit page',
      fullFont: full,
      subsetFont: subset,
      subsetSpeedup: full.medianMs / subset.medianMs,
      sizeReduction: full.bytes / subset.bytes,
      signOnly,
      renderAndSign,
      sealIdentityFirstUseMs: identityMs,
    };
    const out = path.join(import.meta.dirname, 'results', 'documents.json');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\nwritten ${path.relative(process.cwd(), out)}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
