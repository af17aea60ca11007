import { isMobileNumber } from '../identity';

/** The contact details a first-time reporter gives once. */
export interface ContactInput {
  name: string;
  phone: string;
  departmentId: string;
}

export type ContactProblem = 'name' | 'phone' | 'department';

/** What is missing or wrong before sending; the server checks again. */
export function contactProblems(input: ContactInput): ContactProblem[] {
  const problems: ContactProblem[] = [];
  const name = input.name.trim();
  if (!name || name.length > 40) problems.push('name');
  if (!isMobileNumber(input.phone)) problems.push('phone');
  if (!input.departmentId) problems.push('department');
  return problems;
}

/** The contact as the API takes it: trimmed, the phone without spaces or dashes. */
export function contactBody(input: ContactInput): ContactInput {
  return {
    name: input.name.trim(),
    phone: input.phone.replace(/[\s-]/g, ''),
    departmentId: input.departmentId,
  };
}
