// Makes sure a mediasoup worker binary exists. With internet: mediasoup's own postinstall step
// downloads its prebuilt worker. Without: the worker is built from the installed mediasoup
// package's sources with Debian packages (build.sh). Either way the user runs the same command.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findWorkerBinary, mediasoupPackageDir, MISSING_WORKER_HELP, repoRoot } from '../../server/media/worker-binary.mjs';

const say = (line) => process.stdout.write(`[worker] ${line}\n`);

/** The address mediasoup's postinstall would download from, derived the way it does. */
function prebuiltUrl(packageDir) {
  const result = spawnSync(process.execPath, ['npm-scripts.mjs', 'worker:prebuild-name'], { cwd: packageDir, encoding: 'utf8' });
  const name = /workerPrebuildTarName:([^\]\s]+)/.exec(`${result.stdout}${result.stderr}`)?.[1];
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const base = process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL || `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/releases/download`;
  return name ? `${base}/${pkg.version}/${name}` : undefined;
}

/** Asks once, briefly, whether the prebuilt worker can be had, so an offline machine skips the attempt. */
async function prebuiltReachable(url) {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(10_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function ensureWorker() {
  if (findWorkerBinary()) return findWorkerBinary();
  const packageDir = mediasoupPackageDir();
  const url = fs.existsSync(path.join(packageDir, 'npm-scripts.mjs')) ? prebuiltUrl(packageDir) : undefined;
  if (url && (await prebuiltReachable(url))) {
    say("downloading mediasoup's prebuilt worker…");
    const env = { ...process.env };
    delete env.MEDIASOUP_WORKER_BIN;
    spawnSync(process.execPath, ['npm-scripts.mjs', 'postinstall'], { cwd: packageDir, env, stdio: 'inherit' });
    const found = findWorkerBinary();
    if (found) return found;
    say('the prebuilt worker did not work here; building from source instead');
  } else {
    say('no prebuilt mediasoup worker reachable (no internet?): building it from the installed mediasoup sources');
    say('with Debian packages. This happens once per mediasoup version and takes about 4-5 minutes on 2 cores.');
  }
  const build = spawnSync('bash', [path.join(repoRoot, 'scripts', 'worker', 'build.sh')], { stdio: 'inherit' });
  const found = findWorkerBinary();
  if (build.status !== 0 || !found) throw new Error(MISSING_WORKER_HELP);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureWorker().then(
    (found) => say(`${found.path} (${found.source})`),
    (error) => {
      process.stderr.write(`\n${error.message}\n\n`);
      process.exit(1);
    },
  );
}
