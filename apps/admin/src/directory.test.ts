import { describe, expect, it } from 'vitest';
import type { AdminDepartment } from '@zhangyi/contracts';
import {
  buildDepartmentTree,
  departmentPath,
  IMPORT_PROBLEM_CODES,
  importFileProblem,
  importProblems,
  isImportProblemCode,
  parentOptions,
} from './directory';

const dept = (id: string, parentId: string | null, sortOrder = 0, name = id): AdminDepartment => ({
  id,
  parentId,
  code: id.toUpperCase(),
  name,
  location: null,
  introduction: null,
  sortOrder,
  doctorCount: 0,
});

describe('buildDepartmentTree', () => {
  it('nests departments under their divisions, each level in sort order', () => {
    const tree = buildDepartmentTree([
      dept('cardio', 'internal', 2),
      dept('surgery', null, 2),
      dept('internal', null, 1),
      dept('resp', 'internal', 1),
    ]);
    expect(tree.map((n) => n.id)).toEqual(['internal', 'surgery']);
    expect(tree[0]?.children?.map((n) => n.id)).toEqual(['resp', 'cardio']);
    // No empty `children` array: the table would draw an expand arrow for nothing.
    expect(tree[1]?.children).toBeUndefined();
  });

  it('keeps a department whose parent is missing at the top', () => {
    const tree = buildDepartmentTree([dept('orphan', 'gone')]);
    expect(tree.map((n) => n.id)).toEqual(['orphan']);
  });

  it('breaks sort-order ties by code', () => {
    const tree = buildDepartmentTree([dept('b', null), dept('a', null)]);
    expect(tree.map((n) => n.id)).toEqual(['a', 'b']);
  });
});

describe('parentOptions', () => {
  const all = [dept('internal', null), dept('resp', 'internal'), dept('surgery', null)];

  it('offers the top-level departments for a new one', () => {
    expect(parentOptions(all, null).map((d) => d.id)).toEqual(['internal', 'surgery']);
  });

  it('never offers a department as its own parent', () => {
    expect(parentOptions(all, all[2]!).map((d) => d.id)).toEqual(['internal']);
  });

  it('offers nothing to a division that has departments (there is no third level)', () => {
    expect(parentOptions(all, all[0]!)).toEqual([]);
  });
});

describe('departmentPath', () => {
  it('names the division before the department', () => {
    const all = [dept('a', null, 0, '内科'), dept('b', 'a', 0, '心内科')];
    expect(departmentPath(all, 'b')).toBe('内科 / 心内科');
    expect(departmentPath(all, 'a')).toBe('内科');
    expect(departmentPath(all, 'x')).toBe('');
  });
});

describe('importFileProblem', () => {
  it('accepts an .xlsx up to 5 MB, whatever the case of the extension', () => {
    expect(importFileProblem({ name: '科室.XLSX', size: 5 * 1024 * 1024 })).toBeNull();
  });
  it('refuses other files and larger ones', () => {
    expect(importFileProblem({ name: 'a.xls', size: 10 })).toBe('type');
    expect(importFileProblem({ name: 'a.xlsx', size: 5 * 1024 * 1024 + 1 })).toBe('size');
  });
});

describe('importProblems', () => {
  it('reads the problem lines of an IMPORT_INVALID answer', () => {
    expect(
      importProblems([
        { sheet: '医生', row: 3, column: '职称', problem: 'title' },
        { sheet: '', row: 0, column: '', problem: 'not_xlsx' },
      ]),
    ).toEqual([
      { sheet: '医生', row: 3, column: '职称', problem: 'title' },
      { sheet: '', row: 0, column: '', problem: 'not_xlsx' },
    ]);
  });

  it('drops malformed entries and tolerates a missing list', () => {
    expect(importProblems(undefined)).toEqual([]);
    expect(importProblems([null, 'x', { row: 2 }, { problem: 'code', row: '2' }])).toEqual([
      { sheet: '', row: 0, column: '', problem: 'code' },
    ]);
  });

  it('knows which problem codes have a sentence', () => {
    expect(isImportProblemCode('third_level')).toBe(true);
    expect(isImportProblemCode('something_new')).toBe(false);
  });
});

describe('import problem sentences', () => {
  it('has a sentence for every problem code in both catalogues', async () => {
    const { default: zh } = await import('./i18n/zh-CN');
    const { default: en } = await import('./i18n/en');
    for (const code of IMPORT_PROBLEM_CODES) {
      expect(zh.directoryImport.problems[code]).toBeTruthy();
      expect(en.directoryImport.problems[code]).toBeTruthy();
    }
  });
});
