// Where the mediasoup worker binary comes from. Plain JavaScript with no dependencies so that the
// set-up scripts can use it before `npm install` has run; the server uses the same rules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function mediasoupPackageDir(root = repoRoot) {
  return path.join(root, 'node_modules', 'mediasoup');
}

/** The installed mediasoup version, or undefined before `npm install`. */
export function installedMediasoupVersion(root = repoRoot) {
  try {
    return JSON.parse(fs.readFileSync(path.join(mediasoupPackageDir(root), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

export function cacheDir(env = process.env) {
  if (env.MEDIATION_ROOM_CACHE_DIR) return env.MEDIATION_ROOM_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'mediation-room');
}

/** The worker this project builds from mediasoup's own sources is cached per version and CPU type. */
export function cachedWorkerPath(version, env = process.env) {
  return path.join(cacheDir(env), `mediasoup-worker-${version}-${os.machine()}`, 'mediasoup-worker');
}

/** The path mediasoup's own postinstall puts its prebuilt (or self-built) worker at. */
export function prebuiltWorkerPath(root = repoRoot) {
  return path.join(mediasoupPackageDir(root), 'worker', 'out', 'Release', 'mediasoup-worker');
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The first usable worker, in order: MEDIASOUP_WORKER_BIN, mediasoup's own prebuilt binary, the
 * binary this project built and cached. Returns undefined when there is none.
 */
export function findWorkerBinary({ root = repoRoot, env = process.env } = {}) {
  if (env.MEDIASOUP_WORKER_BIN) {
    return isExecutable(env.MEDIASOUP_WORKER_BIN) ? { path: env.MEDIASOUP_WORKER_BIN, source: 'env' } : undefined;
  }
  const prebuilt = prebuiltWorkerPath(root);
  if (isExecutable(prebuilt)) return { path: prebuilt, source: 'prebuilt' };
  const version = installedMediasoupVersion(root);
  if (version) {
    const cached = cachedWorkerPath(version, env);
    if (isExecutable(cached)) return { path: cached, source: 'cache' };
  }
  return undefined;
}

export const MISSING_WORKER_HELP = [
  'No mediasoup worker binary was found.',
  "mediasoup's prebuilt worker could not be downloaded (no internet?), and none has been built here yet.",
  'Build it from the installed mediasoup sources with Debian packages (4–5 minutes, once):',
  '    npm run worker:build',
  '(or point MEDIASOUP_WORKER_BIN at a mediasoup-worker of the same version as node_modules/mediasoup).',
].join('\n');
