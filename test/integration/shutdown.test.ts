import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server.ts';

/** mediasoup-worker processes whose parent is the given pid. */
function workerChildren(parentPid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(parentPid)], { encoding: 'utf8' }).trim();
  return out
    .split('\n')
    .filter((line) => line.includes('mediasoup-work'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Running, as opposed to gone or a zombie left for init to reap. */
function isRunning(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

describe('the server process', () => {
  it('starts one worker per configured core, and on SIGTERM closes them all and exits 0', async () => {
    const server = await startServerProcess({ MEDIA_WORKERS: '2' });
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', workers: 2 });
    const workers = workerChildren(server.pid);
    expect(workers).toHaveLength(2);
    for (const pid of workers) expect(isRunning(pid)).toBe(true);

    const exit = await server.stop('SIGTERM');
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('stopped cleanly');
    for (const pid of workers) expect(isRunning(pid)).toBe(false);
  });

  it('answers unknown paths and API routes with the JSON error shape', async () => {
    const server = await startServerProcess();
    try {
      const res = await fetch(`${server.url}/api/nothing-here`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      const bad = await fetch(`${server.url}/api/nothing-here`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad json' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input' } });
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with bad configuration, naming the variable', async () => {
    await expect(startServerProcess({ RTC_MIN_PORT: '9', RTC_MAX_PORT: '8' })).rejects.toThrow(/RTC_MIN_PORT/);
  });
});
