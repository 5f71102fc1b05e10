import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedWorkerPath, findWorkerBinary, prebuiltWorkerPath } from '../../server/media/worker-binary.mjs';

let root: string;
let cache: string;

function makeExecutable(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-root-'));
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-cache-'));
  fs.mkdirSync(path.join(root, 'node_modules', 'mediasoup'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'mediasoup', 'package.json'), JSON.stringify({ version: '3.27.1' }));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(cache, { recursive: true, force: true });
});

describe('findWorkerBinary', () => {
  const env = () => ({ MEDIATION_ROOM_CACHE_DIR: cache });

  it('finds nothing on a machine with neither a prebuilt nor a cached worker', () => {
    expect(findWorkerBinary({ root, env: env() })).toBeUndefined();
  });

  it('uses the cached build, keyed by mediasoup version and CPU type', () => {
    const cached = cachedWorkerPath('3.27.1', env());
    expect(cached).toContain(`mediasoup-worker-3.27.1-${os.machine()}`);
    makeExecutable(cached);
    expect(findWorkerBinary({ root, env: env() })).toEqual({ path: cached, source: 'cache' });
  });

  it('ignores a cached build of another mediasoup version', () => {
    makeExecutable(cachedWorkerPath('3.26.0', env()));
    expect(findWorkerBinary({ root, env: env() })).toBeUndefined();
  });

  it("prefers mediasoup's own prebuilt worker over the cache", () => {
    makeExecutable(cachedWorkerPath('3.27.1', env()));
    makeExecutable(prebuiltWorkerPath(root));
    expect(findWorkerBinary({ root, env: env() })?.source).toBe('prebuilt');
  });

  it('honours MEDIASOUP_WORKER_BIN first, and reports a missing one as missing', () => {
    makeExecutable(prebuiltWorkerPath(root));
    const custom = path.join(cache, 'custom-worker');
    makeExecutable(custom);
    expect(findWorkerBinary({ root, env: { ...env(), MEDIASOUP_WORKER_BIN: custom } })).toEqual({ path: custom, source: 'env' });
    expect(findWorkerBinary({ root, env: { ...env(), MEDIASOUP_WORKER_BIN: path.join(cache, 'absent') } })).toBeUndefined();
  });
});
