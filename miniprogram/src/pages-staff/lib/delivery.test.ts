import { describe, expect, it } from '@jest/globals';
import { groupAllSelected, groupByBuilding, groupDone, toggleGroup, toggleOne } from './delivery';

const row = (dwellingId: string, buildingName: string, room: string) => ({
  dwellingId,
  buildingName,
  entranceName: '1单元',
  room,
  floor: 1,
  areaHundredths: 1,
});

describe('ballot delivery selection', () => {
  const groups = groupByBuilding([row('a', '1号楼', '101'), row('b', '1号楼', '102'), row('c', '2号楼', '101')]);

  it('groups not-voted dwellings by building, keeping the order', () => {
    expect(groups.map((g) => [g.buildingName, g.dwellings.map((d) => d.label)])).toEqual([
      ['1号楼', ['1单元 101', '1单元 102']],
      ['2号楼', ['1单元 101']],
    ]);
  });

  it('selects a whole building, and clears it when it was all selected', () => {
    const one = toggleOne(new Set(), 'a');
    const all = toggleGroup(one, groups[0]);
    expect([...all].sort()).toEqual(['a', 'b']);
    expect(groupAllSelected(all, groups[0])).toBe(true);
    expect([...toggleGroup(all, groups[0])]).toEqual([]);
    expect([...toggleOne(all, 'a')]).toEqual(['b']);
  });

  it('keeps delivered dwellings listed but out of "select the building"', () => {
    const [one, two] = groupByBuilding([row('a', '1号楼', '101'), row('b', '1号楼', '102'), row('c', '2号楼', '101')], new Set(['b', 'c']));
    expect(one.dwellings.map((d) => [d.dwellingId, d.delivered])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    const all = toggleGroup(new Set(), one);
    expect([...all]).toEqual(['a']);
    expect(groupAllSelected(all, one)).toBe(true);
    expect(groupDone(two)).toBe(true);
    expect(groupAllSelected(new Set(), two)).toBe(false);
    expect([...toggleGroup(new Set(), two)]).toEqual([]);
  });
});
