import type { DispatchRulesBody, FaultTypeBody, Urgency } from '@zhangyi/contracts';
import type { DispatchRule } from './api/tickets';

/** A fault type as the form holds it ('' = no parent, any category). */
export interface FaultTypeForm {
  parentId: string;
  name: string;
  categoryId: string;
  defaultUrgency: Urgency;
  sortOrder: number;
  enabled: boolean;
}

/** The form of an existing fault type, or of a new one under the given parent. */
export function faultTypeToForm(
  faultType: Omit<FaultTypeBody, never> | null,
  parentId: string | null = null,
): FaultTypeForm {
  return {
    parentId: faultType?.parentId ?? parentId ?? '',
    name: faultType?.name ?? '',
    categoryId: faultType?.categoryId ?? '',
    defaultUrgency: faultType?.defaultUrgency ?? 'normal',
    sortOrder: faultType?.sortOrder ?? 0,
    enabled: faultType?.enabled ?? true,
  };
}

/** The body of the form; null while the name is blank. */
export function faultTypeBody(form: FaultTypeForm): FaultTypeBody | null {
  const name = form.name.trim();
  if (!name) return null;
  return {
    parentId: form.parentId || null,
    name,
    categoryId: form.categoryId || null,
    defaultUrgency: form.defaultUrgency,
    sortOrder: form.sortOrder,
    enabled: form.enabled,
  };
}

/** One dispatch rule as the form holds it ('' = any). */
export interface RuleForm {
  categoryId: string;
  departmentId: string;
  groupId: string;
}

type RuleLike = Pick<DispatchRule, 'categoryId' | 'departmentId' | 'groupId'>;

/**
 * The body replacing every rule: the current ones in order, with `index` changed to `form`
 * (or `form` appended when index is -1), or `index` left out when form is null.
 */
export function rulesBody(
  rules: readonly RuleLike[],
  index: number,
  form: RuleForm | null,
): DispatchRulesBody {
  const next = rules.map((rule) => ({
    categoryId: rule.categoryId,
    departmentId: rule.departmentId,
    groupId: rule.groupId,
  }));
  const edited = form && {
    categoryId: form.categoryId || null,
    departmentId: form.departmentId || null,
    groupId: form.groupId,
  };
  if (index === -1) {
    if (edited) next.push(edited);
  } else if (edited) {
    next[index] = edited;
  } else {
    next.splice(index, 1);
  }
  return { rules: next };
}
