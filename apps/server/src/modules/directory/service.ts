import { asc, count } from 'drizzle-orm';
import type { DepartmentNode, HospitalOverview } from '@zhangyi/contracts';
import type { Executor } from '../../db/client';
import { departments, doctors, hospital } from './schema';

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
  return {
    name: info?.name ?? '',
    shortName: info?.shortName ?? '',
    phone: info?.phone ?? null,
    address: info?.address ?? null,
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
