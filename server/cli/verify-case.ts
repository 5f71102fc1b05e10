// Verifies a case's hash chain and names the first broken link.
//   npm run case:verify -- <caseId>              from the configured store (REDIS_URL, or files in DATA_DIR)
//   npm run case:verify -- --file events.json    an exported log (the JSON array GET /api/cases/:id/events returns)
// Exit status: 0 valid, 1 broken, 2 usage or read error.
import fs from 'node:fs';
import path from 'node:path';
import { verifyChain } from '../domain/case-log.ts';
import type { CaseEvent } from '../domain/case-events.ts';
import { loadConfig } from '../config.ts';
import { readCaseFileUnlocked } from '../store/file-event-store.ts';
import { openRedisStore } from '../store/redis-store.ts';

async function readEvents(args: string[]): Promise<{ caseId: string; events: CaseEvent[] }> {
  if (args[0] === '--file' && args[1]) {
    const events = JSON.parse(fs.readFileSync(args[1], 'utf8')) as CaseEvent[];
    if (!Array.isArray(events) || events.length === 0) throw new Error('the file holds no events');
    return { caseId: events[0]!.caseId, events };
  }
  const caseId = args[0];
  if (!caseId) throw new Error('usage: case:verify <caseId> | --file <events.json>');
  const config = loadConfig();
  if (!config.redisUrl) return { caseId, events: await readCaseFileUnlocked(path.resolve(config.dataDir), caseId) };
  const store = await openRedisStore(config.redisUrl);
  try {
    return { caseId, events: await store.events.read(caseId) };
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  let input: { caseId: string; events: CaseEvent[] };
  try {
    input = await readEvents(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (input.events.length === 0) {
    process.stderr.write(`case ${input.caseId}: no events found\n`);
    return 2;
  }
  const verdict = verifyChain(input.caseId, input.events);
  if (verdict.valid) {
    process.stdout.write(`case ${input.caseId}: chain valid, ${verdict.length} events, head ${verdict.headHash}\n`);
    return 0;
  }
  const broken = input.events[verdict.brokenAtSeq - 1];
  process.stdout.write(
    `case ${input.caseId}: chain BROKEN at event ${verdict.brokenAtSeq} of ${verdict.length} (${verdict.reason})` +
      (broken ? `: ${broken.type} at ${broken.at}\n` : '\n'),
  );
  return 1;
}

main().then((code) => process.exit(code));
