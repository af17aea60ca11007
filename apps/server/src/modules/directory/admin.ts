import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/sql';
import type {
  AdminDepartment,
  AdminDoctor,
  DepartmentBody,
  DoctorBody,
  HospitalBody,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { isUniqueViolation } from '../../lib/sql';
import { recordAudit } from '../audit/service';
import { campuses, departments, doctors, hospital } from './schema';

/** Every department with its doctor count, top-level ones first. */
export async function adminDepartments(db: Executor): Promise<AdminDepartment[]> {
  const rows = await db
    .select({
      id: departments.id,
      parentId: departments.parentId,
      code: departments.code,
      name: departments.name,
      location: departments.location,
      introduction: departments.introduction,
      sortOrder: departments.sortOrder,
      // Written out: inside a sub-select the query builder leaves column names unqualified.
      doctorCount: sql<number>`(select count(*)::int from doctors d where d.department_id = "departments"."id")`,
    })
    .from(departments)
    .orderBy(
      sql`${departments.parentId} nulls first`,
      asc(departments.sortOrder),
      asc(departments.name),
    );
  return rows;
}

/** A department may sit under a top-level department only: the tree has two levels. */
async function checkParent(db: Executor, parentId: string | null, selfId?: string): Promise<void> {
  if (parentId === null) return;
  const [parent] = await db.select().from(departments).where(eq(departments.id, parentId));
  if (!parent || parent.parentId !== null || parent.id === selfId)
    throw new DomainError('DEPARTMENT_LEVEL');
  if (selfId) {
    const [children] = await db
      .select({ n: count() })
      .from(departments)
      .where(eq(departments.parentId, selfId));
    if ((children?.n ?? 0) > 0) throw new DomainError('DEPARTMENT_LEVEL');
  }
}

async function departmentById(db: Executor, id: string): Promise<AdminDepartment> {
  const found = (await adminDepartments(db)).find((d) => d.id === id);
  if (!found) throw new DomainError('NOT_FOUND');
  return found;
}

/** Adds a department. */
export async function createDepartment(
  deps: Deps,
  meta: RequestMeta,
  body: DepartmentBody,
): Promise<AdminDepartment> {
  await checkParent(deps.db, body.parentId);
  try {
    const [row] = await deps.db.insert(departments).values(body).returning({ id: departments.id });
    await recordAudit(deps.db, meta, {
      action: 'department.create',
      result: 'success',
      objectType: 'department',
      objectId: row!.id,
    });
    return departmentById(deps.db, row!.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
}

/** Changes a department. */
export async function updateDepartment(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: DepartmentBody,
): Promise<AdminDepartment> {
  await checkParent(deps.db, body.parentId, id);
  try {
    const rows = await deps.db
      .update(departments)
      .set(body)
      .where(eq(departments.id, id))
      .returning({ id: departments.id });
    if (rows.length === 0) throw new DomainError('NOT_FOUND');
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
  await recordAudit(deps.db, meta, {
    action: 'department.update',
    result: 'success',
    objectType: 'department',
    objectId: id,
  });
  return departmentById(deps.db, id);
}

/** Removes a department that has no sub-departments and no doctors. */
export async function deleteDepartment(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  const department = await departmentById(deps.db, id);
  const [children] = await deps.db
    .select({ n: count() })
    .from(departments)
    .where(eq(departments.parentId, id));
  if ((children?.n ?? 0) > 0 || department.doctorCount > 0)
    throw new DomainError('DEPARTMENT_IN_USE');
  await deps.db.delete(departments).where(eq(departments.id, id));
  await recordAudit(deps.db, meta, {
    action: 'department.delete',
    result: 'success',
    objectType: 'department',
    objectId: id,
  });
}

const doctorColumns = {
  id: doctors.id,
  departmentId: doctors.departmentId,
  departmentName: departments.name,
  code: doctors.code,
  name: doctors.name,
  title: doctors.title,
  specialties: doctors.specialties,
  introduction: doctors.introduction,
  photoUrl: doctors.photoUrl,
  sortOrder: doctors.sortOrder,
};

/** Doctors by name, code or specialty, optionally of one department; paged. */
export async function adminDoctors(
  db: Executor,
  query: { page?: number; pageSize?: number; search?: string; departmentId?: string },
): Promise<{ items: AdminDoctor[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const filters: SQL[] = [];
  if (query.search) {
    const pattern = containsPattern(query.search);
    filters.push(
      or(
        ilike(doctors.name, pattern),
        ilike(doctors.code, pattern),
        ilike(doctors.specialties, pattern),
      )!,
    );
  }
  if (query.departmentId) filters.push(eq(doctors.departmentId, query.departmentId));
  const where = filters.length ? and(...filters) : undefined;
  const [items, [totals]] = await Promise.all([
    db
      .select(doctorColumns)
      .from(doctors)
      .innerJoin(departments, eq(departments.id, doctors.departmentId))
      .where(where)
      .orderBy(asc(doctors.sortOrder), asc(doctors.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(doctors).where(where),
  ]);
  return { items, total: totals?.total ?? 0 };
}

async function doctorById(db: Executor, id: string): Promise<AdminDoctor> {
  const [row] = await db
    .select(doctorColumns)
    .from(doctors)
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(eq(doctors.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

async function requireDepartment(db: Executor, id: string): Promise<void> {
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, id));
  if (!row) throw new DomainError('NOT_FOUND', { field: 'departmentId' });
}

/** Adds a doctor. */
export async function createDoctor(
  deps: Deps,
  meta: RequestMeta,
  body: DoctorBody,
): Promise<AdminDoctor> {
  await requireDepartment(deps.db, body.departmentId);
  try {
    const [row] = await deps.db.insert(doctors).values(body).returning({ id: doctors.id });
    await recordAudit(deps.db, meta, {
      action: 'doctor.create',
      result: 'success',
      objectType: 'doctor',
      objectId: row!.id,
    });
    return doctorById(deps.db, row!.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
}

/** Changes a doctor. */
export async function updateDoctor(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: DoctorBody,
): Promise<AdminDoctor> {
  await requireDepartment(deps.db, body.departmentId);
  try {
    const rows = await deps.db
      .update(doctors)
      .set(body)
      .where(eq(doctors.id, id))
      .returning({ id: doctors.id });
    if (rows.length === 0) throw new DomainError('NOT_FOUND');
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
  await recordAudit(deps.db, meta, {
    action: 'doctor.update',
    result: 'success',
    objectType: 'doctor',
    objectId: id,
  });
  return doctorById(deps.db, id);
}

/** Removes a doctor. */
export async function deleteDoctor(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  const rows = await deps.db
    .delete(doctors)
    .where(eq(doctors.id, id))
    .returning({ id: doctors.id });
  if (rows.length === 0) throw new DomainError('NOT_FOUND');
  await recordAudit(deps.db, meta, {
    action: 'doctor.delete',
    result: 'success',
    objectType: 'doctor',
    objectId: id,
  });
}

/** Replaces the hospital's details and its list of campuses in one go. */
export async function saveHospital(
  deps: Deps,
  meta: RequestMeta,
  body: HospitalBody,
): Promise<void> {
  const { campuses: sites, ...details } = body;
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(hospital)
      .values({ id: 1, ...details, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({
        target: hospital.id,
        set: { ...details, updatedAt: deps.clock.now() },
      });
    await tx.delete(campuses);
    if (sites.length > 0)
      await tx.insert(campuses).values(sites.map((site, index) => ({ ...site, sortOrder: index })));
    await recordAudit(tx, meta, {
      action: 'hospital.save',
      result: 'success',
      details: { campuses: sites.length },
    });
  });
}
