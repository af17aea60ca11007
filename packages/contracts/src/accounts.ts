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
};
