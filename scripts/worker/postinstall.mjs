// Runs after `npm install`. With internet, mediasoup's own postinstall fetches its prebuilt worker
// (npm 11 does not run dependencies' scripts unless approved, so we invoke it ourselves). Without
// internet that fails, and this step says the worker will be built from source on first start or
// test instead. It never fails the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, findWorkerBinary, mediasoupPackageDir } from '../../server/media/worker-binary.mjs';

const say = (line) => process.stdout.write(`[mediation-room] ${line}\n`);

function main() {
  const found = findWorkerBinary();
  if (found) {
    say(`mediasoup worker: ${found.path} (${found.source})`);
    return;
  }
  const packageDir = mediasoupPackageDir();
  if (!fs.existsSync(path.join(packageDir, 'npm-scripts.mjs')) || process.env.MEDIATION_ROOM_SKIP_PREBUILT === '1') {
    say('mediasoup worker not present yet; it is prepared by `npm start` / `npm test` (or `npm run worker:build`).');
    return;
  }
  say("fetching mediasoup's prebuilt worker…");
  fs.mkdirSync(cacheDir(), { recursive: true });
  const logFile = path.join(cacheDir(), 'mediasoup-postinstall.log');
  const result = spawnSync(process.execPath, ['npm-scripts.mjs', 'postinstall'], {
    cwd: packageDir,
    // Offline, pip must give up at once rather than retry for minutes.
    env: { ...process.env, PIP_RETRIES: '0', PIP_TIMEOUT: '5', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  fs.writeFileSync(logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  const after = findWorkerBinary();
  if (after) {
    say(`mediasoup worker: ${after.path} (${after.source})`);
  } else {
    say('no prebuilt mediasoup worker could be fetched (no internet?): it will be built from the installed');
    say('mediasoup sources with Debian packages on first `npm start` / `npm test` (or now: `npm run worker:build`).');
    say(`details: ${logFile}`);
  }
}

try {
  main();
} catch (error) {
  say(`worker check skipped: ${error instanceof Error ? error.message : String(error)}`);
}
