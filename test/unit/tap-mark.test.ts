import { describe, expect, it } from 'vitest';
import { drawTapMark, TAP_MARK_WORDS, type TapMarkCanvas } from '../../client/src/components/tap-mark.ts';

/*
 * The tap-to-confirm mark on a signed agreement is a symbol that names itself, drawn in the pen's
 * ink: nothing in it may pass for a fingerprint (a red inked oval with ridges), since no finger was
 * ever printed. Checked on the drawing calls the mark makes.
 */
function recordingCanvas() {
  const calls: Array<[string, unknown[]]> = [];
  const assigned: Record<string, unknown> = {};
  const canvas = new Proxy({} as TapMarkCanvas & Record<string, unknown>, {
    get: (_target, name: string) => (...args: unknown[]) => calls.push([name, args]),
    set: (_target, name: string, value: unknown) => {
      assigned[name] = value;
      return true;
    },
  });
  return { canvas, calls, assigned };
}

describe('the tap-to-confirm mark', () => {
  it('writes what it is, 点按确认, and draws a ring and a tick with the current ink', () => {
    const { canvas, calls, assigned } = recordingCanvas();
    drawTapMark(canvas, 100, 80);
    expect(calls.filter(([name]) => name === 'fillText').map(([, args]) => args[0])).toEqual([TAP_MARK_WORDS]);
    expect(TAP_MARK_WORDS).toBe('点按确认');
    expect(calls.filter(([name]) => name === 'stroke')).toHaveLength(2);
    // It never picks a colour of its own (a print's red), nor fills an inked oval.
    expect(Object.keys(assigned)).not.toContain('strokeStyle');
    expect(Object.keys(assigned)).not.toContain('fillStyle');
    expect(calls.map(([name]) => name)).not.toContain('ellipse');
    expect(calls.map(([name]) => name)).not.toContain('createRadialGradient');
    expect(calls.map(([name]) => name)).not.toContain('fill');
  });
});
