import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, PageQuery, Timestamp } from './common';
import { Role } from './auth';

export const Account = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
  /** Masked mobile number, e.g. `138****5678`, or null. */
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Timestamp, Type.Null()]),
  lastSignInAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type Account = Static<typeof Account>;

const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'Mainland mobile number' });

export const CreateAccountBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    roles: Type.Array(Role, { minItems: 1, uniqueItems: true }),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBody>;

export const UpdateAccountBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    roles: Type.Optional(Type.Array(Role, { minItems: 1, uniqueItems: true })),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;

export const AccountListQuery = Type.Object(
  {
    ...PageQuery,
    search: Type.Optional(Type.String({ maxLength: 64 })),
    role: Type.Optional(Role),
  },
  { additionalProperties: false },
);

export const AccountList = Type.Object({ items: Type.Array(Account), total: Type.Integer() });

/**
 * A staff member as people pickers offer them (group members, lending applicants): enough to
 * choose the right person, nothing personal beyond the name. The username tells namesakes apart.
 */
export const StaffPick = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  username: Type.String(),
  roles: Type.Array(Role),
});
export type StaffPick = Static<typeof StaffPick>;

export const StaffPickerQuery = Type.Object(
  {
    /** Part of the display name or username, any case. */
    search: Type.Optional(Type.String({ maxLength: 64 })),
    role: Type.Optional(Role),
  },
  { additionalProperties: false },
);
export type StaffPickerQuery = Static<typeof StaffPickerQuery>;

/** The most a picker answers; a longer list means the search text should be narrower. */
export const STAFF_PICKER_LIMIT = 50;

export const accountRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/accounts',
    summary: 'List staff accounts',
    tag: 'accounts',
    query: AccountListQuery,
    response: AccountList,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/admin/accounts',
    summary: 'Create a staff account',
    tag: 'accounts',
    body: CreateAccountBody,
    response: Account,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/admin/accounts/:id',
    summary: 'Change a staff account (name, roles, phone, disabled)',
    tag: 'accounts',
    params: IdParams,
    body: UpdateAccountBody,
    response: Account,
  }),
  picker: defineRoute({
    method: 'GET',
    path: '/api/admin/staff/picker',
    summary: 'Active staff for people pickers (name, username, roles; at most 50)',
    tag: 'accounts',
    query: StaffPickerQuery,
    response: Type.Array(StaffPick),
  }),
};
