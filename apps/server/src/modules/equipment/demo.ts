import { inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { departments } from '../directory/schema';
import { newLabelToken } from './labels';
import {
  equipmentCategories,
  equipmentDevices,
  equipmentLabels,
  equipmentSettings,
} from './schema';

/** Demo devices: asset number, name, category code, brand, model, department code, location. */
const DEVICES: [string, string, string, string, string, string, string][] = [
  [
    'IT-PC-0001',
    '门诊医生工作站',
    'PC',
    '联想',
    'ThinkCentre M920t',
    'IM-CARD',
    '门诊楼 2 层 A 区 1 诊室',
  ],
  [
    'IT-PC-0002',
    '门诊医生工作站',
    'PC',
    '联想',
    'ThinkCentre M920t',
    'IM-CARD',
    '门诊楼 2 层 A 区 2 诊室',
  ],
  ['IT-PC-0003', '护士站电脑', 'PC', '戴尔', 'OptiPlex 7090', 'IM-RESP', '门诊楼 2 层 B 区护士站'],
  [
    'IT-PRN-0001',
    '激光打印机',
    'PRN',
    '惠普',
    'LaserJet M404dn',
    'IM-CARD',
    '门诊楼 2 层 A 区 1 诊室',
  ],
  [
    'IT-PRN-0002',
    '激光打印机',
    'PRN',
    '惠普',
    'LaserJet M404dn',
    'IM-RESP',
    '门诊楼 2 层 B 区护士站',
  ],
  ['IT-PRN-0003', '标签打印机', 'PRN', '斑马', 'ZD888', 'SU-GEN', '门诊楼 4 层 A 区'],
  ['IT-NET-0001', '楼层交换机', 'NET', '华为', 'S5735-L24T4S', 'IM-CARD', '门诊楼 2 层弱电间'],
  ['MED-MON-0001', '多参数监护仪', 'MON', '迈瑞', 'BeneView T5', 'IM-CARD', '住院部 5 层'],
  ['MED-VEN-0001', '呼吸机', 'VENT', '迈瑞', 'SV300', 'IM-RESP', '住院部 6 层'],
];

/**
 * The demo hospital's registry: a category tree, devices in a few departments with active labels,
 * and the hotline printed on labels. Returns the category ids by code for the tickets demo.
 */
export async function seedEquipmentDemo(tx: Tx, now: Date): Promise<Map<string, string>> {
  await tx
    .insert(equipmentSettings)
    .values({ id: 1, repairHotline: '020-12345678 转 8000', labelTitle: '掌医示范医院 信息科' });
  const category = async (
    code: string,
    name: string,
    parentId: string | null,
    sortOrder: number,
  ) => {
    const [row] = await tx
      .insert(equipmentCategories)
      .values({ code, name, parentId, sortOrder })
      .returning({ id: equipmentCategories.id });
    return row!.id;
  };
  const it = await category('IT', '信息设备', null, 0);
  const med = await category('MED', '医疗设备', null, 1);
  const ids = new Map<string, string>([
    ['IT', it],
    ['MED', med],
    ['PC', await category('PC', '计算机', it, 0)],
    ['PRN', await category('PRN', '打印机', it, 1)],
    ['NET', await category('NET', '网络设备', it, 2)],
    ['MON', await category('MON', '监护仪', med, 0)],
    ['VENT', await category('VENT', '呼吸机', med, 1)],
  ]);
  const depts = await tx
    .select({ id: departments.id, code: departments.code })
    .from(departments)
    .where(inArray(departments.code, [...new Set(DEVICES.map((d) => d[5]))]));
  const deptOf = new Map(depts.map((d) => [d.code, d.id]));
  const devices = await tx
    .insert(equipmentDevices)
    .values(
      DEVICES.map(([assetNo, name, cat, brand, model, dept, location], index) => ({
        assetNo,
        name,
        categoryId: ids.get(cat)!,
        brand,
        model,
        serialNo: `SN${String(202300 + index)}`,
        departmentId: deptOf.get(dept) ?? null,
        location,
        purchaseDate: '2023-03-01',
        warrantyEnd: '2026-02-28',
        supplier: '示范医疗科技有限公司',
        purchasePriceFen: cat === 'PC' ? 520_000 : cat === 'PRN' ? 230_000 : null,
        status: 'in_use',
        inServiceFrom: '2023-03-01',
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: equipmentDevices.id });
  await tx
    .insert(equipmentLabels)
    .values(devices.map((d) => ({ deviceId: d.id, token: newLabelToken(), createdAt: now })));
  return ids;
}
