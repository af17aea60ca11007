import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, PageQuery } from './common';
import { HospitalOverview } from './hospital';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const AdminDepartment = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  code: Type.String(),
  name: Type.String(),
  location: Nullable(Type.String()),
  introduction: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  doctorCount: Type.Integer(),
});
export type AdminDepartment = Static<typeof AdminDepartment>;

export const DepartmentBody = Type.Object(
  {
    parentId: Nullable(Type.String({ format: 'uuid' })),
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    location: Nullable(Type.String({ maxLength: 100 })),
    introduction: Nullable(Type.String({ maxLength: 5000 })),
    sortOrder: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type DepartmentBody = Static<typeof DepartmentBody>;

export const AdminDoctor = Type.Object({
  id: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  code: Type.String(),
  name: Type.String(),
  title: Type.String(),
  specialties: Nullable(Type.String()),
  introduction: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  sortOrder: Type.Integer(),
});
export type AdminDoctor = Static<typeof AdminDoctor>;

export const DoctorBody = Type.Object(
  {
    departmentId: Type.String({ format: 'uuid' }),
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.String({ minLength: 1, maxLength: 20 }),
    specialties: Nullable(Type.String({ maxLength: 200 })),
    introduction: Nullable(Type.String({ maxLength: 5000 })),
    photoUrl: Nullable(Type.String({ maxLength: 500, pattern: '^(https?://|/)' })),
    sortOrder: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type DoctorBody = Static<typeof DoctorBody>;

export const DoctorQrCode = Type.Object({
  doctorId: Type.String(),
  imageUrl: Type.String(),
  url: Type.String(),
  scans: Type.Integer(),
  newFollowers: Type.Integer(),
});

export const HospitalBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    shortName: Type.String({ minLength: 1, maxLength: 20 }),
    phone: Nullable(Type.String({ maxLength: 40 })),
    address: Nullable(Type.String({ maxLength: 200 })),
    introduction: Nullable(Type.String({ maxLength: 10_000 })),
    campuses: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 40 }),
          address: Type.String({ minLength: 1, maxLength: 200 }),
          phone: Nullable(Type.String({ maxLength: 40 })),
          mapUrl: Nullable(Type.String({ maxLength: 500, pattern: '^https?://' })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type HospitalBody = Static<typeof HospitalBody>;

export const ImportResult = Type.Object({
  departments: Type.Object({ added: Type.Integer(), updated: Type.Integer() }),
  doctors: Type.Object({ added: Type.Integer(), updated: Type.Integer() }),
});

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const adminDirectoryRoutes = {
  saveHospital: defineRoute({
    method: 'PUT',
    path: '/api/admin/hospital',
    summary: 'The hospital: name, contact, introduction and campuses (replaced as a whole)',
    tag: 'directory',
    body: HospitalBody,
    response: HospitalOverview,
  }),
  importDirectory: defineRoute({
    method: 'POST',
    path: '/api/admin/directory/import',
    summary: `Import departments and doctors from an Excel workbook (body: the .xlsx file, ${XLSX_TYPE}); all rows or none`,
    tag: 'directory',
    response: ImportResult,
  }),
  importTemplate: defineRoute({
    method: 'GET',
    path: '/api/admin/directory/import-template.xlsx',
    summary: 'The Excel workbook to fill in for an import',
    tag: 'directory',
  }),
  departments: defineRoute({
    method: 'GET',
    path: '/api/admin/departments',
    summary: 'Every department, both levels',
    tag: 'directory',
    response: Type.Array(AdminDepartment),
  }),
  createDepartment: defineRoute({
    method: 'POST',
    path: '/api/admin/departments',
    summary: 'Add a department',
    tag: 'directory',
    body: DepartmentBody,
    response: AdminDepartment,
  }),
  updateDepartment: defineRoute({
    method: 'PUT',
    path: '/api/admin/departments/:id',
    summary: 'Change a department',
    tag: 'directory',
    params: IdParams,
    body: DepartmentBody,
    response: AdminDepartment,
  }),
  deleteDepartment: defineRoute({
    method: 'DELETE',
    path: '/api/admin/departments/:id',
    summary: 'Remove a department without sub-departments or doctors',
    tag: 'directory',
    params: IdParams,
  }),
  doctors: defineRoute({
    method: 'GET',
    path: '/api/admin/doctors',
    summary: 'Doctors, searched and paged',
    tag: 'directory',
    query: Type.Object(
      {
        ...PageQuery,
        search: Type.Optional(Type.String({ maxLength: 40 })),
        departmentId: Type.Optional(Type.String({ format: 'uuid' })),
      },
      { additionalProperties: false },
    ),
    response: Type.Object({ items: Type.Array(AdminDoctor), total: Type.Integer() }),
  }),
  createDoctor: defineRoute({
    method: 'POST',
    path: '/api/admin/doctors',
    summary: 'Add a doctor',
    tag: 'directory',
    body: DoctorBody,
    response: AdminDoctor,
  }),
  updateDoctor: defineRoute({
    method: 'PUT',
    path: '/api/admin/doctors/:id',
    summary: 'Change a doctor',
    tag: 'directory',
    params: IdParams,
    body: DoctorBody,
    response: AdminDoctor,
  }),
  deleteDoctor: defineRoute({
    method: 'DELETE',
    path: '/api/admin/doctors/:id',
    summary: 'Remove a doctor',
    tag: 'directory',
    params: IdParams,
  }),
  doctorQrCode: defineRoute({
    method: 'POST',
    path: '/api/admin/doctors/:id/qrcode',
    summary: "The doctor's permanent WeChat QR code (created on first request) and its scan counts",
    tag: 'directory',
    params: IdParams,
    response: DoctorQrCode,
  }),
};
