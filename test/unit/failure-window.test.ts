import { describe, expect, it } from 'vitest';
import { lockRemainingMs, recordFailure, type FailurePolicy, type FailureWindow } from '../../server/auth/failure-window.ts';

const policy: FailurePolicy = { maxFailures: 3, windowMs: 60_000, lockMs: 120_000 };

function failAt(times: number[]): FailureWindow | undefined {
  return times.reduce<FailureWindow | undefined>((window, at) => recordFailure(window, at, policy), undefined);
}

describe('failed-attempt windows', () => {
  it('lets attempts through below the limit, and locks at the limit until lockMs after the last failure', () => {
    expect(lockRemainingMs(undefined, 0, policy)).toBe(0);
    expect(lockRemainingMs(failAt([0, 1000]), 2000, policy)).toBe(0);
    const locked = failAt([0, 1000, 2000]);
    expect(lockRemainingMs(locked, 2000, policy)).toBe(120_000);
    expect(lockRemainingMs(locked, 100_000, policy)).toBe(22_000);
    expect(lockRemainingMs(locked, 122_000, policy)).toBe(0);
  });

  it('starts counting afresh once the window has passed', () => {
    const window = failAt([0, 1000, 61_001]);
    expect(window).toEqual({ since: 61_001, failures: 1, lastAt: 61_001 });
    expect(lockRemainingMs(window, 61_002, policy)).toBe(0);
  });
});
