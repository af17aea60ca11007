import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { staffAccounts } from '../accounts/schema';
import { departments } from '../directory/schema';
import { newLabelToken } from '../equipment/labels';
import { equipmentCategories, equipmentDevices, equipmentLabels } from '../equipment/schema';
import {
  lendingAnnouncements,
  lendingApplicants,
  lendingCategorySettings,
  lendingDevices,
} from './schema';

/** The centre's demo devices: asset number, name, category code, brand, model, price (fen). */
const POOL: [string, string, string, string, string, number][] = [
  ['LC-MON-001', '多参数监护仪', 'MON', '迈瑞', 'BeneView T5', 4_500_000],
  ['LC-MON-002', '多参数监护仪', 'MON', '迈瑞', 'BeneView T5', 4_500_000],
  ['LC-MON-003', '多参数监护仪', 'MON', '飞利浦', 'IntelliVue MX450', 6_000_000],
  ['LC-PUMP-001', '注射泵', 'PUMP', '贝朗', 'Perfusor Space', 1_800_000],
  ['LC-PUMP-002', '注射泵', 'PUMP', '贝朗', 'Perfusor Space', 1_800_000],
  ['LC-VEN-001', '呼吸机', 'VENT', '迈瑞', 'SV300', 25_000_000],
  ['LC-VEN-002', '呼吸机', 'VENT', '德尔格', 'Savina 300', 32_000_000],
];

/**
 * The demo's lending centre (设备调配中心): monitors, syringe pumps and ventilators in the centre
 * (no department), lendable with their prices, the demo `nurse` an applicant of 心血管内科, and an
 * announcement. Runs after the registry's demo, whose categories it uses.
 */
export async function seedLendingDemo(tx: Tx, now: Date): Promise<void> {
  const cats = await tx
    .select({ id: equipmentCategories.id, code: equipmentCategories.code })
    .from(equipmentCategories)
    .where(inArray(equipmentCategories.code, ['MED', 'MON', 'VENT']));
  const byCode = new Map(cats.map((c) => [c.code, c.id]));
  const [pump] = await tx
    .insert(equipmentCategories)
    .values({ code: 'PUMP', name: '注射泵', parentId: byCode.get('MED')!, sortOrder: 2 })
    .returning({ id: equipmentCategories.id });
  byCode.set('PUMP', pump!.id);
  const today = now.toISOString().slice(0, 10);
  for (const [assetNo, name, code, brand, model, price] of POOL) {
    const [device] = await tx
      .insert(equipmentDevices)
      .values({
        assetNo,
        name,
        categoryId: byCode.get(code)!,
        brand,
        model,
        location: '设备调配中心',
        purchasePriceFen: price,
        status: 'idle',
        inServiceFrom: today,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: equipmentDevices.id });
    await tx
      .insert(equipmentLabels)
      .values({ deviceId: device!.id, token: newLabelToken(), createdAt: now });
    await tx.insert(lendingDevices).values({
      deviceId: device!.id,
      pmDueOn: `${now.getUTCFullYear() + 1}-06-30`,
      calibrationDueOn: `${now.getUTCFullYear() + 1}-03-31`,
      joinedAt: now,
      updatedAt: now,
    });
  }
  await tx.insert(lendingCategorySettings).values([
    {
      categoryId: byCode.get('MON')!,
      billingUnit: 'hour',
      rateFen: 600,
      minimumFen: 600,
      updatedAt: now,
    },
    {
      categoryId: byCode.get('PUMP')!,
      billingUnit: 'day',
      rateFen: 3000,
      minimumFen: 0,
      updatedAt: now,
    },
    {
      categoryId: byCode.get('VENT')!,
      lifeSupport: true,
      billingUnit: 'hour',
      rateFen: 1500,
      minimumFen: 3000,
      updatedAt: now,
    },
  ]);
  const [nurse] = await tx
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, 'nurse'));
  const [cardiology] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.code, 'IM-CARD'));
  if (nurse && cardiology)
    await tx
      .insert(lendingApplicants)
      .values({ accountId: nurse.id, departmentId: cardiology.id, createdAt: now });
  const [manager] = await tx
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, 'manager'));
  await tx.insert(lendingAnnouncements).values({
    title: '设备调配中心 24 小时服务',
    body: '监护仪、注射泵、呼吸机可在“申请”页借用。生命支持类设备紧急借用可先借后批，设备科将在 24 小时内补办确认。归还后由中心统一消毒。',
    pinned: true,
    publishedAt: now,
    authorId: manager?.id ?? null,
    createdAt: now,
    updatedAt: now,
  });
}
