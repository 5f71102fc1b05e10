import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainEvents, GENESIS_HASH } from '../../server/domain/case-log.ts';
import type { EventDraft } from '../../server/domain/case-events.ts';
import { repoRoot } from '../../server/media/worker-binary.mjs';
import { openFileStore } from '../../server/store/file-store.ts';
import { tempDataDir } from '../helpers/server.ts';

function cli(script: string, args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'cli', script), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const drafts: EventDraft[] = [
  { type: 'case.opened', data: { caseNumber: '（2026）云调字第1号', channel: 'hotline', disputeType: 'labour', title: '拖欠工资纠纷', summary: '申请人称被拖欠三个月工资。', areaCode: '370785', orgId: 'org-1', tier: 'mediator' } },
  { type: 'participant.added', data: { participant: { participantId: 'p1', role: 'applicant', personKind: 'natural', name: '王小明' } } },
  { type: 'participant.added', data: { participant: { participantId: 'p2', role: 'respondent', personKind: 'organization', name: '某某建筑公司' } } },
  { type: 'mediation.failed', data: { reason: '被申请人未到场' } },
];

describe('case:verify', () => {
  it('reports a valid chain, and the first broken event of a tampered one, from the store and from an export', async () => {
    const dataDir = tempDataDir();
    const store = await openFileStore(dataDir);
    const events = chainEvents('case-cli', { seq: 0, hash: GENESIS_HASH }, drafts, { kind: 'system' }, '2026-11-24T01:00:00.000Z');
    for (const event of events) await store.events.append('case-cli', event.seq - 1, [event]);
    await store.close();

    const valid = cli('verify-case.ts', ['case-cli'], { DATA_DIR: dataDir });
    expect(valid.code, valid.out).toBe(0);
    expect(valid.out).toContain('chain valid, 4 events');

    const file = path.join(dataDir, 'cases', 'case-cli.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('某某建筑公司', '另一家公司'));
    const broken = cli('verify-case.ts', ['case-cli'], { DATA_DIR: dataDir });
    expect(broken.code, broken.out).toBe(1);
    expect(broken.out).toContain('BROKEN at event 3 of 4 (hash_mismatch): participant.added');

    const exported = path.join(dataDir, 'export.json');
    fs.writeFileSync(exported, JSON.stringify(events));
    expect(cli('verify-case.ts', ['--file', exported], {}).code).toBe(0);
    expect(cli('verify-case.ts', [], { DATA_DIR: dataDir }).code).toBe(2);
  });
});

describe('admin:create', () => {
  it('creates the first admin from a password on standard input, and refuses a taken name or a short password', async () => {
    const dataDir = tempDataDir();
    const created = cli('create-admin.ts', ['root', '总管理员'], { DATA_DIR: dataDir }, 'a-long-admin-password\n');
    expect(created.code, created.out).toBe(0);
    expect(created.out).toContain('admin account "root" created');
    expect(cli('create-admin.ts', ['root'], { DATA_DIR: dataDir, ADMIN_PASSWORD: 'another-long-password' }).code).toBe(1);
    const short = cli('create-admin.ts', ['other'], { DATA_DIR: dataDir, ADMIN_PASSWORD: 'short' });
    expect(short.code).toBe(2);
    expect(short.out).toContain('password');
  });
});
