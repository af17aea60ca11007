import { computed, type Ref } from 'vue';
import type { AdminDepartment } from '@zhangyi/contracts';
import { buildDepartmentTree, departmentPath } from '../directory';

export interface DepartmentOption {
  value: string;
  /** “Division / department”, so equal names under two divisions stay apart. */
  label: string;
  /** Second-level departments are indented under their division. */
  child: boolean;
}

/** Departments in tree order as select options, for the doctor filter and form. */
export function useDepartmentOptions(departments: Ref<readonly AdminDepartment[]>) {
  return computed<DepartmentOption[]>(() =>
    buildDepartmentTree(departments.value).flatMap((root) =>
      [root, ...(root.children ?? [])].map((d) => ({
        value: d.id,
        label: departmentPath(departments.value, d.id),
        child: d.id !== root.id,
      })),
    ),
  );
}
