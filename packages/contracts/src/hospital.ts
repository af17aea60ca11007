import { Type, type Static } from 'typebox';
import { defineRoute } from './route';

const DepartmentFields = {
  id: Type.String(),
  name: Type.String(),
  location: Type.Union([Type.String(), Type.Null()]),
};

/** Departments form a two-level tree: clinical divisions and their departments. */
export const DepartmentNode = Type.Object({
  ...DepartmentFields,
  children: Type.Array(Type.Object(DepartmentFields)),
});
export type DepartmentNode = Static<typeof DepartmentNode>;

export const HospitalOverview = Type.Object({
  name: Type.String(),
  shortName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  departments: Type.Array(DepartmentNode),
  doctorCount: Type.Integer(),
});
export type HospitalOverview = Static<typeof HospitalOverview>;

export const hospitalRoutes = {
  overview: defineRoute({
    method: 'GET',
    path: '/api/public/hospital',
    summary: 'The hospital, its department tree and doctor count (public)',
    tag: 'hospital',
    response: HospitalOverview,
  }),
};
