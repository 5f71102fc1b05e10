// The process entry point. The Node version is checked before anything else is loaded, so an old
// Node gets one clear line rather than a stack trace from somewhere inside a dependency.
import { nodeTooOld } from './node-runtime.mjs';

const refusal = nodeTooOld(process.versions.node);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exit(1);
}
await import('./run-server.ts');
