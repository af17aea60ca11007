import type {
  DispatchRulesBody,
  DutyShiftBody,
  FaultTypeBody,
  GroupBody,
  Urgency,
} from '@zhangyi/contracts';
import type { DispatchRule, EngineerGroup } from './api/tickets';

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
  faultType: FaultTypeBody | null,
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

/** An engineer group as the form holds it: members and leads by account id. */
export interface GroupForm {
  name: string;
  memberIds: string[];
  leadIds: string[];
}

export function groupToForm(group: EngineerGroup | null): GroupForm {
  const members = group?.members ?? [];
  return {
    name: group?.name ?? '',
    memberIds: members.map((m) => m.accountId),
    leadIds: members.filter((m) => m.isLead).map((m) => m.accountId),
  };
}

/** The body of the form; a lead who is no longer a member is dropped; null while unnamed. */
export function groupBody(form: GroupForm): GroupBody | null {
  const name = form.name.trim();
  if (!name) return null;
  const leads = new Set(form.leadIds);
  return {
    name,
    members: [...new Set(form.memberIds)].map((accountId) => ({
      accountId,
      isLead: leads.has(accountId),
    })),
  };
}

/** A duty shift as the form holds it: times as ISO strings, '' while not chosen. */
export interface ShiftForm {
  groupId: string;
  accountId: string;
  startsAt: string;
  endsAt: string;
}

/** The body of the form; null while something is missing or the shift does not end after it starts. */
export function shiftBody(form: ShiftForm): DutyShiftBody | null {
  if (!form.groupId || !form.accountId || !form.startsAt || !form.endsAt) return null;
  const start = Date.parse(form.startsAt);
  const end = Date.parse(form.endsAt);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return null;
  return {
    groupId: form.groupId,
    accountId: form.accountId,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
  };
}
