import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { groupSightings, matchSighting, normalizeAddress, normalizeMobile, normalizeName, sightingKeys, type Sighting } from '../../../server/domain/dispute-matching.ts';

const keyOf = (text: string) => createHmac('sha256', 'test-key').update(text).digest('base64url');

let next = 0;
function sighting(report: Parameters<typeof sightingKeys>[0], at: string, channel = 'hotline'): Sighting {
  next += 1;
  return { sightingId: `s${next}`, channel, at, ...sightingKeys(report, keyOf) };
}

const base = { areaCode: '370785001003', disputeType: 'property_management' as const };

describe('normalising what people type', () => {
  it('names: spaces, full-width letters and middle dots go', () => {
    expect(normalizeName(' 张　建国 ')).toBe('张建国');
    expect(normalizeName('阿依古丽·买买提')).toBe(normalizeName('阿依古丽买买提'));
  });

  it('mobiles: prefixes and separators go; anything else is no mobile', () => {
    expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('１３８１２３４５６７８')).toBe('13812345678');
    expect(normalizeMobile('0536-2345678')).toBeUndefined();
  });

  it('addresses: Chinese house numbers, full-width digits and a trailing 院 agree', () => {
    expect(normalizeAddress('幸福路八号院')).toBe(normalizeAddress('幸福路 8 号'));
    expect(normalizeAddress('幸福路十二号')).toBe(normalizeAddress('幸福路１２号'));
    expect(normalizeAddress('幸福路二十三号')).toBe('幸福路23号');
    expect(normalizeAddress('幸福路8号')).not.toBe(normalizeAddress('幸福路9号'));
  });
});

describe('matching sightings of one dispute', () => {
  it('the same ID number or phone links reports through any channel, and says why', () => {
    const first = sighting({ ...base, parties: [{ name: '张建国', idNumber: '11010519491231002X' }] }, '2026-11-01T08:00:00Z', 'hotline');
    const byPhone = sighting({ ...base, parties: [{ name: '张建国', phone: '13812345678' }] }, '2026-11-02T08:00:00Z', 'grid_report');
    const second = sighting({ ...base, parties: [{ name: '张 建国', idNumber: '11010519491231002x', phone: '+86 13812345678' }] }, '2026-11-03T08:00:00Z', 'police');
    expect(matchSighting(second, [first, byPhone])).toEqual([
      { sightingId: first.sightingId, reasons: ['same_id_number', 'same_name_grid_and_type'] },
      { sightingId: byPhone.sightingId, reasons: ['same_phone', 'same_name_grid_and_type'] },
    ]);
  });

  it('a common name alone links nothing across grids or dispute types', () => {
    const here = sighting({ ...base, parties: [{ name: '王伟' }] }, '2026-11-01T08:00:00Z');
    const elsewhere = sighting({ ...base, areaCode: '370785002001', parties: [{ name: '王伟' }] }, '2026-11-02T08:00:00Z');
    const otherType = sighting({ ...base, disputeType: 'family', parties: [{ name: '王伟' }] }, '2026-11-02T08:00:00Z');
    expect(matchSighting(elsewhere, [here])).toEqual([]);
    expect(matchSighting(otherType, [here])).toEqual([]);
  });

  it('the same address and type links reports naming different people (a tenant, then the owner)', () => {
    const tenant = sighting({ ...base, address: '幸福路八号院', parties: [{ name: '刘秀英' }] }, '2026-11-01T08:00:00Z');
    const owner = sighting({ ...base, address: '幸福路8号', parties: [{ name: '赵刚' }] }, '2026-11-05T08:00:00Z');
    expect(matchSighting(owner, [tenant])).toEqual([{ sightingId: tenant.sightingId, reasons: ['same_address_and_type'] }]);
  });

  it('only sightings within the window, and not later ones, are compared', () => {
    const old = sighting({ ...base, parties: [{ name: '张建国', phone: '13812345678' }] }, '2026-01-01T08:00:00Z');
    const later = sighting({ ...base, parties: [{ name: '张建国', phone: '13812345678' }] }, '2026-12-01T08:00:00Z');
    const now = sighting({ ...base, parties: [{ name: '张建国', phone: '13812345678' }] }, '2026-11-20T08:00:00Z');
    expect(matchSighting(now, [old, later], { windowDays: 180 })).toEqual([]);
    expect(matchSighting(now, [old], { windowDays: 365 })).toHaveLength(1);
  });

  it('groups chain through shared keys: A~B by phone and B~C by address make one dispute', () => {
    const a = sighting({ ...base, parties: [{ name: '甲', phone: '13900000001' }] }, '2026-11-01T08:00:00Z');
    const b = sighting({ ...base, address: '和平街5号', parties: [{ name: '乙', phone: '13900000001' }] }, '2026-11-02T08:00:00Z');
    const c = sighting({ ...base, address: '和平街五号', parties: [{ name: '丙' }] }, '2026-11-03T08:00:00Z');
    const d = sighting({ ...base, parties: [{ name: '丁', phone: '13900000009' }] }, '2026-11-04T08:00:00Z');
    expect(groupSightings([c, d, a, b]).map((group) => group.map((s) => s.sightingId))).toEqual([[a.sightingId, b.sightingId, c.sightingId], [d.sightingId]]);
  });

  it('keys hold nothing in clear', () => {
    const keys = sightingKeys({ ...base, address: '幸福路8号', parties: [{ name: '张建国', idNumber: '11010519491231002X', phone: '13812345678' }] }, keyOf);
    const text = JSON.stringify(keys);
    for (const clear of ['张建国', '11010519491231002X', '13812345678', '幸福路']) expect(text).not.toContain(clear);
  });
});
