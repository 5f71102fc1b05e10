import { describe, expect, it } from 'vitest';
import { originAllowed } from '../../server/realtime/origin-check.ts';

const allowed = ['https://tiaojie.example.gov.cn', 'https://partner.example.org'];
const request = (origin: string | undefined, host = '10.0.0.5:3000') => ({ headers: { host, ...(origin === undefined ? {} : { origin }) } });

describe('originAllowed', () => {
  it('admits the listed origins, the server’s own, and no Origin at all', () => {
    expect(originAllowed(request('https://tiaojie.example.gov.cn'), allowed)).toBe(true);
    expect(originAllowed(request('https://partner.example.org'), allowed)).toBe(true);
    expect(originAllowed(request('http://10.0.0.5:3000'), allowed)).toBe(true);
    expect(originAllowed(request(undefined), allowed)).toBe(true);
  });

  it('refuses look-alikes, other ports, null and junk', () => {
    for (const origin of ['https://tiaojie.example.gov.cn.evil.com', 'https://evil.com', 'http://10.0.0.5:3001', 'null', 'not a url', 'https://partner.example.org/path', 'file://10.0.0.5:3000']) {
      expect(originAllowed(request(origin), allowed), origin).toBe(false);
    }
  });
});
