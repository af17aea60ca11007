import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, Timestamp } from './common';

export const idTypes = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreigner_permit',
] as const;
export type IdType = (typeof idTypes)[number];
const IdTypeSchema = Type.Union([
  Type.Literal('resident_id'),
  Type.Literal('passport'),
  Type.Literal('hk_macao_permit'),
  Type.Literal('taiwan_permit'),
  Type.Literal('foreigner_permit'),
]);

export const relations = ['self', 'spouse', 'parent', 'child', 'relative', 'other'] as const;
export type Relation = (typeof relations)[number];
const RelationSchema = Type.Union([
  Type.Literal('self'),
  Type.Literal('spouse'),
  Type.Literal('parent'),
  Type.Literal('child'),
  Type.Literal('relative'),
  Type.Literal('other'),
]);

const Sex = Type.Union([Type.Literal('male'), Type.Literal('female')]);
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const Patient = Type.Object({
  id: Type.String(),
  name: Type.String(),
  idType: IdTypeSchema,
  /** e.g. `110***********1234`; the full number only through `reveal`. */
  idNumberMasked: Type.String(),
  birthDate: LocalDate,
  sex: Sex,
  age: Type.Integer(),
  phoneMasked: Type.String(),
  relation: RelationSchema,
  guardianName: Type.Union([Type.String(), Type.Null()]),
  isDefault: Type.Boolean(),
  /** Outpatient card bound from the hospital's records, or null. */
  cardNumber: Type.Union([Type.String(), Type.Null()]),
  /** `complete` once the hospital has a record; `pending` (建档待完成) until then. */
  recordStatus: Type.Union([Type.Literal('complete'), Type.Literal('pending')]),
  createdAt: Timestamp,
});
export type Patient = Static<typeof Patient>;

export const AddPatientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    idType: IdTypeSchema,
    idNumber: Type.String({ minLength: 1, maxLength: 32 }),
    /** Required for documents that do not encode them (all but the resident ID card). */
    birthDate: Type.Optional(LocalDate),
    sex: Type.Optional(Sex),
    phone: Type.String({ minLength: 1, maxLength: 20 }),
    relation: RelationSchema,
    /** Required when the patient is under 14. */
    guardianName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    guardianIdNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    /** The user agreed, separately, to the processing of this person's sensitive data (PIPL art. 29). */
    consent: Type.Literal(true),
  },
  { additionalProperties: false },
);
export type AddPatientBody = Static<typeof AddPatientBody>;

export const UpdatePatientBody = Type.Object(
  {
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    relation: Type.Optional(RelationSchema),
    isDefault: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePatientBody = Static<typeof UpdatePatientBody>;

export const PatientList = Type.Object({
  items: Type.Array(Patient),
  /** How many patients one WeChat user may bind. */
  limit: Type.Integer(),
});

export const RevealedPatient = Type.Object({ idNumber: Type.String(), phone: Type.String() });

export const BindCardBody = Type.Object(
  {
    cardNumber: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9-]+$' }),
    /** When the records hold several outpatient numbers for this person, the one chosen. */
    hisPatientId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const BindCardResult = Type.Union([
  Type.Object({ status: Type.Literal('bound'), patient: Patient }),
  Type.Object({
    status: Type.Literal('choose'),
    choices: Type.Array(
      Type.Object({
        hisPatientId: Type.String(),
        cardNumber: Type.String(),
        lastVisit: Type.Union([LocalDate, Type.Null()]),
      }),
    ),
  }),
]);
export type BindCardResult = Static<typeof BindCardResult>;

export const PatientQrCode = Type.Object({
  /** What the QR code encodes; the window's scanner sends it to the check-in endpoint. */
  token: Type.String(),
  /** The QR code as an SVG document. */
  svg: Type.String(),
  expiresAt: Timestamp,
});

export const patientRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/patients',
    summary: 'The patients this WeChat user has bound',
    tag: 'patients',
    response: PatientList,
  }),
  add: defineRoute({
    method: 'POST',
    path: '/api/patients',
    summary: 'Bind a patient (就诊人)',
    tag: 'patients',
    body: AddPatientBody,
    response: Patient,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/patients/:id',
    summary: 'Change phone, relation, or make the default patient',
    tag: 'patients',
    params: IdParams,
    body: UpdatePatientBody,
    response: Patient,
  }),
  unbind: defineRoute({
    method: 'DELETE',
    path: '/api/patients/:id',
    summary: 'Unbind a patient',
    tag: 'patients',
    params: IdParams,
  }),
  reveal: defineRoute({
    method: 'POST',
    path: '/api/patients/:id/reveal',
    summary: 'The full ID and phone numbers, for the owner on explicit request (audited)',
    tag: 'patients',
    params: IdParams,
    response: RevealedPatient,
  }),
  bindCard: defineRoute({
    method: 'POST',
    path: '/api/patients/:id/card',
    summary: "Bind an outpatient card found in the hospital's records",
    tag: 'patients',
    params: IdParams,
    body: BindCardBody,
    response: BindCardResult,
  }),
  qrcode: defineRoute({
    method: 'GET',
    path: '/api/patients/:id/qrcode',
    summary: 'A short-lived QR code for check-in and payment at the window',
    tag: 'patients',
    params: IdParams,
    response: PatientQrCode,
  }),
};
