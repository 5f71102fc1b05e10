import { describe, expect, it } from 'vitest';
import { DirectoryAreaNames, memoAreaNames, type AreaNames } from '../../server/services/area-names.ts';

const directory = {
  orgs: async () => [
    { orgId: 'county', name: '高密市人民调解委员会', areaCodes: ['370785'] },
    { orgId: 'town', name: '柏城镇人民调解委员会', areaCodes: ['370785001', '370785009'] },
  ],
  courts: async () => [{ courtId: 'court', name: '潍坊市中级人民法院', areaCodes: ['3707'] }],
};

describe('area names from the directory (until the grid registry answers)', () => {
  it('names a code by the organisation or court serving its longest prefix', async () => {
    const names = new DirectoryAreaNames(directory);
    expect(await names.nameOf('370785001002')).toBe('柏城镇人民调解委员会');
    expect(await names.nameOf('370785003')).toBe('高密市人民调解委员会');
    expect(await names.nameOf('370702')).toBe('潍坊市中级人民法院');
    expect(await names.nameOf('110105')).toBeUndefined();
  });

  it('are looked up once per code when memoised', async () => {
    const asked: string[] = [];
    const counting: AreaNames = { nameOf: async (code) => (asked.push(code), `area ${code}`) };
    const memo = memoAreaNames(counting);
    expect(await Promise.all([memo.nameOf('1'), memo.nameOf('1'), memo.nameOf('2')])).toEqual(['area 1', 'area 1', 'area 2']);
    expect(asked).toEqual(['1', '2']);
  });
});
