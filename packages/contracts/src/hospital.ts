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

export const Campus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  mapUrl: Type.Union([Type.String(), Type.Null()]),
});
export type Campus = Static<typeof Campus>;

export const HospitalOverview = Type.Object({
  name: Type.String(),
  shortName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  introduction: Type.Union([Type.String(), Type.Null()]),
  campuses: Type.Array(Campus),
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

export const DoctorSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.String(),
  specialties: Type.Union([Type.String(), Type.Null()]),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  departmentId: Type.String(),
  departmentName: Type.String(),
});
export type DoctorSummary = Static<typeof DoctorSummary>;

export const DepartmentDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  location: Type.Union([Type.String(), Type.Null()]),
  introduction: Type.Union([Type.String(), Type.Null()]),
  parent: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  doctors: Type.Array(DoctorSummary),
});
export type DepartmentDetail = Static<typeof DepartmentDetail>;

export const WeeklyClinic = Type.Object({
  /** 1 = Monday … 7 = Sunday. */
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('evening')]),
  clinicType: Type.Union([
    Type.Literal('general'),
    Type.Literal('specialist'),
    Type.Literal('premium'),
  ]),
  /** Registration fee in fen. */
  feeFen: Type.Integer(),
});
export type WeeklyClinic = Static<typeof WeeklyClinic>;

export const DoctorDetail = Type.Object({
  ...DoctorSummary.properties,
  /** The doctor's regular weekly clinics, from the hospital's system. */
  weeklyClinics: Type.Array(WeeklyClinic),
  introduction: Type.Union([Type.String(), Type.Null()]),
  departmentLocation: Type.Union([Type.String(), Type.Null()]),
});
export type DoctorDetail = Static<typeof DoctorDetail>;

const PublicIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const directoryRoutes = {
  department: defineRoute({
    method: 'GET',
    path: '/api/public/departments/:id',
    summary: 'A department with its introduction and doctors (public)',
    tag: 'hospital',
    params: PublicIdParams,
    response: DepartmentDetail,
  }),
  doctor: defineRoute({
    method: 'GET',
    path: '/api/public/doctors/:id',
    summary: "A doctor's page (public)",
    tag: 'hospital',
    params: PublicIdParams,
    response: DoctorDetail,
  }),
  searchDoctors: defineRoute({
    method: 'GET',
    path: '/api/public/doctors',
    summary: 'Doctors by name or specialty (public)',
    tag: 'hospital',
    query: Type.Object(
      { q: Type.Optional(Type.String({ maxLength: 40 })) },
      { additionalProperties: false },
    ),
    response: Type.Array(DoctorSummary),
  }),
};
