import type { AdminDepartment } from '@zhangyi/contracts';

/** A department row of the tree table: divisions carry their departments as `children`. */
export interface DepartmentNode extends AdminDepartment {
  children?: DepartmentNode[];
}

const bySortOrder = (a: AdminDepartment, b: AdminDepartment): number =>
  a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/**
 * Nests the flat department list under its top-level divisions, each level in sort order.
 * A department whose parent is missing from the list is shown at the top rather than lost.
 */
export function buildDepartmentTree(departments: readonly AdminDepartment[]): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const childrenOf = new Map<string, DepartmentNode[]>();
  const roots: DepartmentNode[] = [];
  for (const department of [...departments].sort(bySortOrder)) {
    const node: DepartmentNode = { ...department };
    if (department.parentId !== null && ids.has(department.parentId)) {
      const siblings = childrenOf.get(department.parentId) ?? [];
      siblings.push(node);
      childrenOf.set(department.parentId, siblings);
    } else {
      roots.push(node);
    }
  }
  for (const root of roots) {
    const children = childrenOf.get(root.id);
    if (children) root.children = children;
  }
  return roots;
}

/**
 * The departments that may be the parent of `editing` (or of a new one): top-level ones other
 * than itself. Departments have two levels only, so a division with children gets none.
 */
export function parentOptions(
  departments: readonly AdminDepartment[],
  editing: AdminDepartment | null,
): AdminDepartment[] {
  if (editing && departments.some((d) => d.parentId === editing.id)) return [];
  return departments.filter((d) => d.parentId === null && d.id !== editing?.id).sort(bySortOrder);
}

/** The doctor's department shown as “division / department” where it has a parent. */
export function departmentPath(
  departments: readonly AdminDepartment[],
  departmentId: string,
): string {
  const department = departments.find((d) => d.id === departmentId);
  if (!department) return '';
  const parent = departments.find((d) => d.id === department.parentId);
  return parent ? `${parent.name} / ${department.name}` : department.name;
}

/** Common titles offered in the doctor form; any other text is accepted too. */
export const DOCTOR_TITLES = ['主任医师', '副主任医师', '主治医师', '住院医师'] as const;

/** Same pattern as the contracts' schemas, so a bad code is caught before a round trip. */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Photo and cover addresses: absolute http(s) or a path on this site, as the server accepts. */
export const URL_PATTERN = /^(https?:\/\/|\/)/;

/** Largest workbook the import page sends (the server's body limit is higher). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** Why a chosen file cannot be imported, or null when it can be sent. */
export function importFileProblem(file: { name: string; size: number }): 'type' | 'size' | null {
  if (!file.name.toLowerCase().endsWith('.xlsx')) return 'type';
  if (file.size > IMPORT_MAX_BYTES) return 'size';
  return null;
}

/** One line of an IMPORT_INVALID answer. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  problem: string;
}

/** The problem codes the server reports, each with a sentence in the catalogues. */
export const IMPORT_PROBLEM_CODES = [
  'missing_column',
  'code',
  'duplicate',
  'name',
  'title',
  'sort_order',
  'unknown_department',
  'third_level',
  'not_xlsx',
  'empty',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export function isImportProblemCode(value: string): value is ImportProblemCode {
  return (IMPORT_PROBLEM_CODES as readonly string[]).includes(value);
}

/** Reads the `details` of an IMPORT_INVALID answer defensively (it is `unknown` in the envelope). */
export function importProblems(details: unknown): ImportProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((item: unknown): ImportProblem[] => {
    if (!item || typeof item !== 'object') return [];
    const record = item as Record<string, unknown>;
    if (typeof record.problem !== 'string') return [];
    return [
      {
        sheet: typeof record.sheet === 'string' ? record.sheet : '',
        row: typeof record.row === 'number' ? record.row : 0,
        column: typeof record.column === 'string' ? record.column : '',
        problem: record.problem,
      },
    ];
  });
}
