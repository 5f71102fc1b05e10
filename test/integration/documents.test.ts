import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../../server/documents/errors.ts';
import { loadFontFaces, textWidth } from '../../server/documents/fonts.ts';
import { layoutDocument } from '../../server/documents/layout.ts';
import { NO_LINE_END, NO_LINE_START } from '../../server/documents/line-breaking.ts';
import { isSigned, signPdf } from '../../server/documents/pdf-signature.ts';
import { renderDocumentPdf } from '../../server/documents/render.ts';
import { ensureSealIdentity, loadSealIdentity, P12_FILE, PASSPHRASE_FILE, type SealIdentity } from '../../server/documents/seal-identity.ts';
import { CLAUSES, FACTS, ORGANISATION, PARTY_NAMES, sampleAgreement, sampleHash } from '../helpers/documents-fixture.ts';

const run = promisify(execFile);

/** Runs a poppler tool; any output on stderr (poppler's warnings, "Syntax Error", "may be invalid") fails the test. */
async function poppler(tool: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run(tool, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  expect(stderr, `${tool} wrote to stderr`).toBe('');
  return stdout;
}

/** The text with every character intact and in order; only whitespace (line breaks, indents) may come between. */
function looselySpaced(text: string): RegExp {
  const escaped = [...text.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s*'));
}

/**
 * The text with each page's footer removed, so a clause running over a page break reads on.
 * The footer is the last thing drawn on a page, so its lines end each page of the extraction.
 */
function withoutFooters(text: string): string {
  const doc = sampleAgreement();
  const footer = (line: string): boolean => {
    const t = line.trim();
    return !t || t.startsWith(doc.caseNumber) || /^第\s*\d+\s*页\s*共\s*\d+\s*页$/.test(t) || /^哈希 [0-9a-f]{16}$/.test(t) || t === doc.footerNote;
  };
  return text
    .split('\f')
    .map((page) => {
      const lines = page.split('\n');
      while (lines.length > 0 && footer(lines.at(-1) ?? '')) lines.pop();
      return lines.join('\n');
    })
    .join('\n');
}

interface Raster {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
}

/** Parses the binary PGM (P5) or PPM (P6) pdftoppm writes. */
function parseNetpbm(bytes: Buffer): Raster {
  const header = /^(P[56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM/PPM');
  const [whole, magic, width, height] = header as unknown as [string, string, string, string];
  return { width: Number(width), height: Number(height), channels: magic === 'P5' ? 1 : 3, data: bytes.subarray(whole.length) };
}

function variance(values: Buffer): number {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return squares / values.length - mean * mean;
}

let dir: string;
let pdfPath: string;
let pdf: Uint8Array;
let rawText: string;
let layoutText: string;

beforeAll(async () => {
  for (const tool of ['pdfsig', 'pdftotext', 'pdftoppm', 'pdffonts', 'pdfinfo']) {
    await run(tool, ['-v']).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error(`${tool} is missing: apt-get install -y poppler-utils (npm test's setup does this)`);
    });
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'documents-test-'));
  pdf = await renderDocumentPdf(sampleAgreement(), { producedAt: new Date('2025-03-08T06:40:00Z') });
  pdfPath = path.join(dir, 'agreement.pdf');
  await writeFile(pdfPath, pdf);
  rawText = await poppler('pdftotext', [pdfPath, '-']);
  layoutText = await poppler('pdftotext', ['-layout', pdfPath, '-']);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('rendered agreement', () => {
  it('has three A4 pages', async () => {
    const info = await poppler('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Pages:\s+3\n/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('extracts every party name and clause exactly', () => {
    for (const text of [withoutFooters(rawText), withoutFooters(layoutText)]) {
      for (const name of PARTY_NAMES) expect(text).toContain(name);
      for (const clause of CLAUSES) expect(text).toMatch(looselySpaced(clause));
      expect(text).toMatch(looselySpaced(FACTS));
      expect(text).toContain('人民调解协议书');
      expect(text).toContain('（2025）海学人调字第015号');
    }
    // CJK punctuation round-trips as the same code points.
    for (const mark of ['（大写：捌仟陆佰元整）', '《施工验收确认单》', '“闭水试验”', '——', '‘装修损失’', '；', '、']) {
      expect(rawText.replace(/\s+/g, '')).toContain(mark);
    }
  });

  it('puts a footer with page N of M, case number and short hash on every page; the full hash on the audit page', () => {
    const pages = rawText.split('\f').filter((page) => page.trim());
    expect(pages).toHaveLength(3);
    const hash = sampleHash();
    pages.forEach((page, index) => {
      const compact = page.replace(/\s+/g, '');
      expect(compact).toContain(`第${index + 1}页共3页`);
      expect(compact).toContain('（2025）海学人调字第015号');
      expect(compact).toContain(hash.slice(0, 16));
    });
    expect((pages[2] ?? '').replace(/\s+/g, '')).toContain(hash);
    expect(pages[2]).toContain('签署审计记录');
  });

  it('embeds the CJK font as a subset with a Unicode map, and poppler has nothing to complain about', async () => {
    const fonts = await poppler('pdffonts', [pdfPath]);
    const rows = fonts.split('\n').filter((line) => line.includes('NotoSerifSC'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('renders every page, none blank, and the seal in red', async () => {
    await poppler('pdftoppm', ['-r', '40', '-gray', pdfPath, path.join(dir, 'gray')]);
    const grays = (await readdir(dir)).filter((f) => f.startsWith('gray') && f.endsWith('.pgm')).sort();
    expect(grays).toHaveLength(3);
    for (const file of grays) {
      const raster = parseNetpbm(await readFile(path.join(dir, file)));
      expect(raster.width).toBeGreaterThan(300);
      const ink = [...raster.data].filter((v) => v < 128).length / raster.data.length;
      expect(variance(raster.data), file).toBeGreaterThan(200);
      expect(ink, file).toBeGreaterThan(0.005);
    }
    // The signature page (2) carries the seal: count strongly red pixels.
    await poppler('pdftoppm', ['-r', '40', '-f', '2', '-l', '2', pdfPath, path.join(dir, 'colour')]);
    const colour = (await readdir(dir)).find((f) => f.startsWith('colour') && f.endsWith('.ppm'));
    const raster = parseNetpbm(await readFile(path.join(dir, colour ?? '')));
    let red = 0;
    for (let i = 0; i + 2 < raster.data.length; i += 3) {
      const [r, g, b] = [raster.data[i] ?? 0, raster.data[i + 1] ?? 0, raster.data[i + 2] ?? 0];
      if (r > 150 && g < 110 && b < 110) red++;
    }
    expect(red).toBeGreaterThan(150);
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', async () => {
    const faces = await loadFontFaces();
    const layout = layoutDocument(sampleAgreement(), { width: (text, role, size) => textWidth(faces[role], text, size) });
    const lines = layout.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'text' ? [item.text] : [])));
    expect(lines.length).toBeGreaterThan(60);
    for (const line of lines) {
      expect(NO_LINE_START.has([...line][0] ?? ''), line).toBe(false);
      expect(NO_LINE_END.has([...line].at(-1) ?? ''), line).toBe(false);
    }
    for (const line of layoutText.split('\n')) {
      const first = [...line.trim()][0];
      if (first) expect(NO_LINE_START.has(first), line).toBe(false);
    }
  });

  it('refuses a character the font cannot draw instead of printing a blank', async () => {
    const doc = sampleAgreement();
    doc.signatures = [{ label: '申请人', name: '张😀' }];
    await expect(renderDocumentPdf(doc)).rejects.toMatchObject({ code: 'unsupported_character' });
  });

  it('refuses a signature image that is not a PNG', async () => {
    const doc = sampleAgreement();
    doc.signatures = [{ label: '申请人', name: '张三', image: { png: new Uint8Array([1, 2, 3, 4]) } }];
    await expect(renderDocumentPdf(doc)).rejects.toBeInstanceOf(DocumentError);
    await expect(renderDocumentPdf(doc)).rejects.toMatchObject({ code: 'invalid_image' });
  });
});

describe('seal identity and PDF signature', () => {
  let identity: SealIdentity;
  let signedPath: string;
  let signed: Uint8Array;

  beforeAll(async () => {
    identity = await ensureSealIdentity({ directory: path.join(dir, 'seal'), organisationName: ORGANISATION });
    signed = await signPdf(pdf, identity, { reason: '人民调解委员会电子印章', location: '北京市海淀区', name: ORGANISATION });
    signedPath = path.join(dir, 'signed.pdf');
    await writeFile(signedPath, signed);
  });

  it('generates the identity once, 0600 files, and loads the same one again', async () => {
    const sealDir = path.join(dir, 'seal');
    expect((await stat(path.join(sealDir, P12_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(sealDir, PASSPHRASE_FILE))).mode & 0o777).toBe(0o600);
    expect(identity.organisationName).toBe(ORGANISATION);
    expect(identity.notAfter.getTime() - Date.now()).toBeGreaterThan(9.9 * 365 * 24 * 3600 * 1000);

    const [again, concurrent] = await Promise.all([
      ensureSealIdentity({ directory: sealDir, organisationName: ORGANISATION }),
      ensureSealIdentity({ directory: sealDir, organisationName: ORGANISATION }),
    ]);
    expect(again.fingerprint).toBe(identity.fingerprint);
    expect(concurrent.fingerprint).toBe(identity.fingerprint);

    const passphrase = (await readFile(path.join(sealDir, PASSPHRASE_FILE), 'utf8')).trim();
    const configured = await loadSealIdentity({ p12Path: path.join(sealDir, P12_FILE), passphrase });
    expect(configured.fingerprint).toBe(identity.fingerprint);
    await expect(loadSealIdentity({ p12Path: path.join(sealDir, P12_FILE), passphrase: 'wrong' })).rejects.toMatchObject({ code: 'identity_unavailable' });
    await expect(ensureSealIdentity({ directory: sealDir, organisationName: '另一个调解委员会' })).rejects.toMatchObject({ code: 'identity_unavailable' });
  });

  it('is a valid PAdES signature over the whole document (self-signed: issuer unknown)', async () => {
    const report = await poppler('pdfsig', [signedPath]);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain(`Signer Certificate Common Name: ${ORGANISATION}`);
    expect(report).toMatch(/Certificate Validation: Certificate issuer is unknown/);
    // Signing changed nothing a reader sees.
    expect(await poppler('pdftotext', [signedPath, '-'])).toBe(rawText);
  });

  it('is reported invalid after one byte of the signed content changes', async () => {
    const match = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(Buffer.from(signed).toString('latin1'));
    expect(match).not.toBeNull();
    const firstRangeLength = Number(match?.[2]);
    const tampered = Buffer.from(signed);
    const at = Math.floor(firstRangeLength / 2);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const tamperedPath = path.join(dir, 'tampered.pdf');
    await writeFile(tamperedPath, tampered);
    const { stdout } = await run('pdfsig', [tamperedPath], { encoding: 'utf8' }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    expect(stdout).not.toContain('Signature is Valid.');
    expect(stdout).toMatch(/Digest Mismatch|Signature is Invalid/);
  });

  it('refuses to sign twice (rewriting would break the first signature)', async () => {
    expect(isSigned(signed)).toBe(true);
    expect(isSigned(pdf)).toBe(false);
    await expect(signPdf(signed, identity, { reason: 'again', location: '', name: ORGANISATION })).rejects.toMatchObject({ code: 'already_signed' });
  });
});
