import { describe, expect, it } from 'vitest';
import {
  fieldsFromRows,
  insertPlaceholder,
  makeRow,
  nextKeyword,
  rowProblems,
  rowsFromFields,
  usedFields,
} from './templateMapping';

describe('mapping rows', () => {
  it('round-trips a saved mapping, in order', () => {
    const fields = { keyword1: '{{patientName}}', keyword2: '{{department}} {{doctor}}' };
    expect(fieldsFromRows(rowsFromFields(fields))).toEqual(fields);
  });

  it('ignores rows left empty and trims keywords', () => {
    const rows = [makeRow(' keyword1 ', '{{content}}'), makeRow('', '  ')];
    expect(fieldsFromRows(rows)).toEqual({ keyword1: '{{content}}' });
    expect(rowProblems(rows)).toEqual([null, null]);
  });

  it('flags a missing, malformed or repeated keyword and an over-long pattern', () => {
    const rows = [
      makeRow('', '{{content}}'),
      makeRow('1st', 'x'),
      makeRow('first', 'a'),
      makeRow('first', 'b'),
      makeRow('remark', 'x'.repeat(201)),
    ];
    expect(rowProblems(rows)).toEqual([
      'keywordRequired',
      'keywordInvalid',
      'keywordDuplicate',
      'keywordDuplicate',
      'tooLong',
    ]);
  });

  it('offers the keyword after the highest numbered one', () => {
    expect(nextKeyword([])).toBe('keyword1');
    expect(nextKeyword([makeRow('keyword1'), makeRow('keyword3'), makeRow('remark')])).toBe(
      'keyword4',
    );
  });
});

describe('insertPlaceholder', () => {
  it('replaces the selection and puts the caret after the placeholder', () => {
    expect(insertPlaceholder('就诊人：XX。', 'patientName', 4, 6)).toEqual({
      text: '就诊人：{{patientName}}。',
      caret: 19,
    });
  });

  it('appends when no caret is known and clamps positions past the end', () => {
    expect(insertPlaceholder('科室 ', 'department')).toEqual({
      text: '科室 {{department}}',
      caret: 17,
    });
    expect(insertPlaceholder('ab', 'x', 10, 12).text).toBe('ab{{x}}');
  });
});

describe('usedFields', () => {
  it('finds placeholders in patterns and the URL, spaces inside the braces allowed', () => {
    const used = usedFields({
      fields: { keyword1: '{{ patientName }}，{{department}}', keyword2: '{{x' },
      url: '/h5/report/{{reportName}}',
    });
    expect([...used].sort()).toEqual(['department', 'patientName', 'reportName']);
  });
});
