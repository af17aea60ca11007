import { describe, expect, it } from 'vitest';
import type { HospitalOverview } from '@zhangyi/contracts';
import {
  draftFrom,
  emptyCampus,
  fieldProblems,
  hospitalBody,
  hospitalProblems,
  moved,
} from './hospital';

const overview: HospitalOverview = {
  name: '掌医市第一人民医院',
  shortName: '市一院',
  phone: null,
  address: '人民路 1 号',
  introduction: null,
  campuses: [
    { id: 'a', name: '本部', address: '人民路 1 号', phone: '0571-1', mapUrl: null },
    { id: 'b', name: '东院', address: '东湖路 8 号', phone: null, mapUrl: 'https://map.qq.com/x' },
  ],
  departments: [],
  doctorCount: 0,
};

describe('hospitalBody', () => {
  it('gives back what was loaded, nulls included, without the campus ids', () => {
    expect(hospitalBody(draftFrom(overview))).toEqual({
      name: '掌医市第一人民医院',
      shortName: '市一院',
      phone: null,
      address: '人民路 1 号',
      introduction: null,
      campuses: [
        { name: '本部', address: '人民路 1 号', phone: '0571-1', mapUrl: null },
        { name: '东院', address: '东湖路 8 号', phone: null, mapUrl: 'https://map.qq.com/x' },
      ],
    });
  });

  it('trims texts and sends blank optional ones as null', () => {
    const draft = draftFrom(overview);
    draft.name = '  市一院全称 ';
    draft.phone = '   ';
    draft.campuses[0]!.mapUrl = ' ';
    const body = hospitalBody(draft);
    expect(body.name).toBe('市一院全称');
    expect(body.phone).toBeNull();
    expect(body.campuses[0]!.mapUrl).toBeNull();
  });
});

describe('hospitalProblems', () => {
  it('finds nothing wrong with a loaded hospital', () => {
    expect(hospitalProblems(hospitalBody(draftFrom(overview)))).toEqual({});
  });

  it('names problems the way the server does', () => {
    const draft = draftFrom(overview);
    draft.name = ' ';
    draft.shortName = '很'.repeat(21);
    draft.campuses.push(emptyCampus());
    draft.campuses[1]!.mapUrl = 'map.qq.com/x';
    expect(hospitalProblems(hospitalBody(draft))).toEqual({
      name: 'required',
      shortName: 'tooLong',
      'campuses.1.mapUrl': 'mapUrl',
      'campuses.2.name': 'required',
      'campuses.2.address': 'required',
    });
  });

  it('accepts http and https map links only', () => {
    const draft = draftFrom(overview);
    draft.campuses[0]!.mapUrl = 'http://example.com';
    draft.campuses[1]!.mapUrl = '/map';
    expect(hospitalProblems(hospitalBody(draft))).toEqual({ 'campuses.1.mapUrl': 'mapUrl' });
  });

  it('refuses more than twenty campuses', () => {
    const draft = draftFrom(overview);
    draft.campuses = Array.from({ length: 21 }, (_, i) => ({
      ...emptyCampus(),
      name: `院区${i}`,
      address: '某路',
    }));
    expect(hospitalProblems(hospitalBody(draft))).toEqual({ campuses: 'tooManyCampuses' });
  });
});

describe('fieldProblems', () => {
  it('reads VALIDATION_FAILED details by field, first problem winning', () => {
    expect(
      fieldProblems([
        { in: 'body', field: 'campuses.0.mapUrl', problem: 'must match pattern' },
        { in: 'body', field: 'campuses.0.mapUrl', problem: 'second' },
        { field: '', problem: 'no field' },
        'junk',
        null,
      ]),
    ).toEqual({ 'campuses.0.mapUrl': 'must match pattern' });
    expect(fieldProblems({ problem: 'x' })).toEqual({});
  });
});

describe('moved', () => {
  it('moves an item up or down and ignores moves past either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('gives each new campus row its own key', () => {
    expect(emptyCampus().key).not.toBe(emptyCampus().key);
  });
});
