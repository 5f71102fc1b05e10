import { describe, expect, it } from 'vitest';
import { assessDispute, DEFAULT_WARNING_RULES, isHigherLevel, type DisputeSighting } from '../../../server/domain/warning-levels.ts';

const seen = (day: number, channel: string, text = '物业费纠纷', escalated = false): DisputeSighting => ({ at: new Date(Date.UTC(2026, 10, day)).toISOString(), channel, text, escalated });

describe('warning levels of a repeated dispute', () => {
  it('one report is no warning, even with alarming words', () => {
    expect(assessDispute([seen(1, 'hotline', '扬言要报复')]).level).toBe('none');
  });

  it('two reports on one channel are blue; through two channels yellow', () => {
    expect(assessDispute([seen(1, 'hotline'), seen(3, 'hotline')]).level).toBe('blue');
    expect(assessDispute([seen(1, 'hotline'), seen(3, 'grid_report')]).level).toBe('yellow');
  });

  it('three recent reports through three channels are orange (the issue), and so is the Rugao seed: five through three', () => {
    expect(assessDispute([seen(1, 'hotline'), seen(3, 'grid_report'), seen(5, 'police')]).level).toBe('orange');
    const rugao = [seen(1, 'hotline'), seen(4, 'hotline'), seen(8, 'grid_report'), seen(12, 'grid_report'), seen(15, 'screening')];
    expect(assessDispute(rugao)).toMatchObject({ level: 'orange', sightings: 5, channels: ['grid_report', 'hotline', 'screening'] });
  });

  it('risk words and escalation raise it, and are named', () => {
    const threat = assessDispute([seen(1, 'hotline'), seen(3, 'hotline', '对方威胁要找人打人')]);
    expect(threat).toMatchObject({ level: 'orange', riskWords: ['打人', '威胁'] });
    const worst = assessDispute([seen(1, 'hotline'), seen(3, 'grid_report'), seen(5, 'police', '业主聚集围堵物业', true), seen(6, 'petition')]);
    expect(worst).toMatchObject({ level: 'red', escalated: true });
  });

  it('old sightings count half', () => {
    const stale = assessDispute([seen(1, 'hotline'), { ...seen(1, 'hotline'), at: '2026-06-01T00:00:00.000Z' }, { ...seen(1, 'hotline'), at: '2026-06-02T00:00:00.000Z' }]);
    expect(stale).toMatchObject({ recentSightings: 1, score: 2, level: 'blue' });
  });

  it('the rules are configurable', () => {
    const strict = { ...DEFAULT_WARNING_RULES, thresholds: { blue: 2, yellow: 2, orange: 3, red: 4 } };
    expect(assessDispute([seen(1, 'hotline'), seen(2, 'hotline'), seen(3, 'hotline')], strict).level).toBe('orange');
    expect(isHigherLevel('orange', 'yellow')).toBe(true);
    expect(isHigherLevel('blue', 'red')).toBe(false);
  });
});
