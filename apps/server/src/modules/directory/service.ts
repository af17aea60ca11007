import { asc, count, eq, ilike, or } from 'drizzle-orm';
import { containsPattern } from '../../lib/sql';
import type {
  DepartmentDetail,
  DepartmentNode,
  DoctorDetail,
  DoctorSummary,
  HospitalOverview,
} from '@zhangyi/contracts';
import { DomainError } from '../../http/errors';
import type { HisGateway } from '../../his/gateway';
import type { Executor } from '../../db/client';
import { campuses, departments, doctors, hospital } from './schema';

/** The hospital with its two-level department tree, as patients first see it. */
export async function hospitalOverview(db: Executor): Promise<HospitalOverview> {
  const [info] = await db.select().from(hospital);
  const rows = await db
    .select({
      id: departments.id,
      parentId: departments.parentId,
      name: departments.name,
      location: departments.location,
    })
    .from(departments)
    .orderBy(asc(departments.sortOrder), asc(departments.name));
  const tree: DepartmentNode[] = rows
    .filter((row) => row.parentId === null)
    .map((top) => ({
      id: top.id,
      name: top.name,
      location: top.location,
      children: rows
        .filter((row) => row.parentId === top.id)
        .map((child) => ({ id: child.id, name: child.name, location: child.location })),
    }));
  const sites = await db.select().from(campuses).orderBy(asc(campuses.sortOrder));
  return {
    name: info?.name ?? '',
    shortName: info?.shortName ?? '',
    phone: info?.phone ?? null,
    address: info?.address ?? null,
    introduction: info?.introduction ?? null,
    campuses: sites.map(({ id, name, address, phone, mapUrl }) => ({
      id,
      name,
      address,
      phone,
      mapUrl,
    })),
    departments: tree,
    doctorCount: await countDoctors(db),
  };
}

/** Number of departments (both levels). */
export async function countDepartments(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(departments);
  return row?.n ?? 0;
}

/** Number of doctors. */
export async function countDoctors(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(doctors);
  return row?.n ?? 0;
}

/** Name, phone and address, for replies such as 联系我们. */
export async function hospitalContact(
  db: Executor,
): Promise<{ name: string; phone: string | null; address: string | null }> {
  const [info] = await db.select().from(hospital);
  return { name: info?.name ?? '', phone: info?.phone ?? null, address: info?.address ?? null };
}

const doctorColumns = {
  id: doctors.id,
  name: doctors.name,
  title: doctors.title,
  specialties: doctors.specialties,
  photoUrl: doctors.photoUrl,
  departmentId: doctors.departmentId,
  departmentName: departments.name,
};

/** A department with its introduction and its doctors. */
export async function departmentDetail(db: Executor, id: string): Promise<DepartmentDetail> {
  const [department] = await db.select().from(departments).where(eq(departments.id, id));
  if (!department) throw new DomainError('NOT_FOUND');
  const [parent] = department.parentId
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(eq(departments.id, department.parentId))
    : [];
  const staff = await db
    .select(doctorColumns)
    .from(doctors)
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(or(eq(doctors.departmentId, id), eq(departments.parentId, id)))
    .orderBy(asc(doctors.sortOrder), asc(doctors.name));
  return {
    id: department.id,
    name: department.name,
    location: department.location,
    introduction: department.introduction,
    parent: parent ?? null,
    doctors: staff,
  };
}

/** A doctor's page, with the weekly clinic plan from the hospital's system. */
export async function doctorDetail(
  db: Executor,
  his: HisGateway,
  id: string,
): Promise<DoctorDetail> {
  const [row] = await db
    .select({
      ...doctorColumns,
      code: doctors.code,
      introduction: doctors.introduction,
      departmentLocation: departments.location,
    })
    .from(doctors)
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(eq(doctors.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const { code, ...doctor } = row;
  return { ...doctor, weeklyClinics: await his.weeklyClinics(code) };
}

/** Doctors whose name or specialties contain the text (all when empty). */
export async function searchDoctors(
  db: Executor,
  text: string | undefined,
): Promise<DoctorSummary[]> {
  const pattern = containsPattern(text ?? '');
  return db
    .select(doctorColumns)
    .from(doctors)
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(text ? or(ilike(doctors.name, pattern), ilike(doctors.specialties, pattern)) : undefined)
    .orderBy(asc(doctors.sortOrder), asc(doctors.name))
    .limit(100);
}
