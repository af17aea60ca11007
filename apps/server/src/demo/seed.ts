import { sql } from 'drizzle-orm';
import type { Deps } from '../context';
import { hashPassword } from '../lib/password';
import { staffAccounts } from '../modules/accounts/schema';
import { campuses, departments, doctors, hospital } from '../modules/directory/schema';
import { notificationTemplates } from '../modules/notifications/schema';
import { scheduleTemplates } from '../modules/booking/schema';
import { hisOutpatientRecords, hisWeeklyClinics } from '../his/schema';
import { seedRepairDemo } from '../modules/tickets/demo';
import { seedLendingDemo } from '../modules/lending/demo';
import demo from './demo-accounts.json';

/** The password of every demo account; printed by `npm run demo`, never used outside the demo. */
export const DEMO_PASSWORD = demo.password;

const DEPARTMENT_TREE: { code: string; name: string; children: [string, string, string][] }[] = [
  {
    code: 'IM',
    name: '内科',
    children: [
      ['IM-CARD', '心血管内科', '门诊楼 2 层 A 区'],
      ['IM-RESP', '呼吸内科', '门诊楼 2 层 B 区'],
      ['IM-GAST', '消化内科', '门诊楼 2 层 C 区'],
      ['IM-ENDO', '内分泌科', '门诊楼 3 层 A 区'],
    ],
  },
  {
    code: 'SU',
    name: '外科',
    children: [
      ['SU-GEN', '普通外科', '门诊楼 4 层 A 区'],
      ['SU-ORTH', '骨科', '门诊楼 4 层 B 区'],
      ['SU-NEUR', '神经外科', '门诊楼 4 层 C 区'],
    ],
  },
  {
    code: 'OG',
    name: '妇产科',
    children: [
      ['OG-GYN', '妇科', '门诊楼 5 层 A 区'],
      ['OG-OBS', '产科', '门诊楼 5 层 B 区'],
    ],
  },
  {
    code: 'PE',
    name: '儿科',
    children: [
      ['PE-GEN', '小儿内科', '儿科楼 1 层'],
      ['PE-NEO', '新生儿科', '儿科楼 2 层'],
    ],
  },
  {
    code: 'ENT',
    name: '五官科',
    children: [
      ['ENT-EYE', '眼科', '门诊楼 6 层 A 区'],
      ['ENT-ENT', '耳鼻咽喉科', '门诊楼 6 层 B 区'],
      ['ENT-DENT', '口腔科', '门诊楼 6 层 C 区'],
    ],
  },
];

const DOCTORS: [string, string, string, string, string][] = [
  ['D001', 'IM-CARD', '张建国', '主任医师', '冠心病、高血压、心力衰竭'],
  ['D002', 'IM-CARD', '孙丽华', '副主任医师', '心律失常、起搏器随访'],
  ['D003', 'IM-RESP', '刘洋', '主治医师', '慢阻肺、哮喘、肺部结节'],
  ['D004', 'IM-RESP', '周文', '主任医师', '肺部感染、呼吸衰竭'],
  ['D005', 'IM-GAST', '吴敏', '副主任医师', '胃肠镜诊疗、幽门螺杆菌'],
  ['D006', 'IM-ENDO', '郑红', '主任医师', '糖尿病、甲状腺疾病'],
  ['D007', 'SU-GEN', '王刚', '主任医师', '胆囊结石、疝气、甲状腺外科'],
  ['D008', 'SU-ORTH', '冯涛', '副主任医师', '关节置换、运动损伤'],
  ['D009', 'SU-NEUR', '陈志强', '主任医师', '脑肿瘤、脑血管病'],
  ['D010', 'OG-GYN', '杨静', '副主任医师', '妇科肿瘤、宫腔镜'],
  ['D011', 'OG-OBS', '黄芳', '主任医师', '高危妊娠、产前诊断'],
  ['D012', 'PE-GEN', '何晓', '主治医师', '小儿呼吸道感染、儿童哮喘'],
  ['D013', 'ENT-EYE', '林涛', '副主任医师', '白内障、青光眼'],
  ['D014', 'ENT-DENT', '许丽', '主治医师', '牙体牙髓、口腔修复'],
];

/** Creates the demo hospital once: name, department tree, doctors and a staff account per role. */
export async function seedDemo(deps: Deps): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction(async (tx) => {
    // Two instances starting together must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(7240003)`);
    const existing = await tx.select({ id: hospital.id }).from(hospital);
    if (existing.length > 0) return false;

    await tx.insert(hospital).values({
      name: '掌医示范医院',
      shortName: '示范医院',
      phone: '020-12345678',
      address: '广州市示范区健康路 1 号',
      introduction: '掌医示范医院是一所演示用的综合性医院，用于体验掌医平台的各项功能。',
    });
    await tx.insert(campuses).values([
      {
        name: '本部院区',
        address: '广州市示范区健康路 1 号',
        phone: '020-12345678',
        mapUrl:
          'https://uri.amap.com/search?keyword=%E6%8E%8C%E5%8C%BB%E7%A4%BA%E8%8C%83%E5%8C%BB%E9%99%A2',
        sortOrder: 0,
      },
      {
        name: '东院区',
        address: '广州市示范区康宁大道 88 号',
        phone: '020-87654321',
        mapUrl: null,
        sortOrder: 1,
      },
    ]);
    const codeToId = new Map<string, string>();
    for (const [index, division] of DEPARTMENT_TREE.entries()) {
      const [top] = await tx
        .insert(departments)
        .values({ code: division.code, name: division.name, sortOrder: index })
        .returning({ id: departments.id });
      for (const [childIndex, [code, name, location]] of division.children.entries()) {
        const [child] = await tx
          .insert(departments)
          .values({ code, name, location, parentId: top!.id, sortOrder: childIndex })
          .returning({ id: departments.id });
        codeToId.set(code, child!.id);
      }
    }
    const doctorIds = await tx
      .insert(doctors)
      .values(
        DOCTORS.map(([code, department, name, title, specialties], index) => ({
          code,
          departmentId: codeToId.get(department)!,
          name,
          title,
          specialties,
          sortOrder: index,
        })),
      )
      .returning({ id: doctors.id, code: doctors.code });
    // Outpatient records in the built-in HIS, so the demo's card binding finds someone: 张三 has
    // one card; 李四 was given two outpatient numbers over the years and chooses.
    const zhang = deps.pii.lookupHash('resident_id:11010519491231002X');
    const li = deps.pii.lookupHash('resident_id:110105198003120039');
    await tx.insert(hisOutpatientRecords).values([
      {
        hisPatientId: 'MZ100001',
        cardNumber: 'C10001',
        name: '张三',
        idNumberHash: zhang,
        lastVisit: '2026-10-12',
      },
      {
        hisPatientId: 'MZ100002',
        cardNumber: 'C10002',
        name: '李四',
        idNumberHash: li,
        lastVisit: '2026-09-01',
      },
      {
        hisPatientId: 'MZ090417',
        cardNumber: 'C09417',
        name: '李四',
        idNumberHash: li,
        lastVisit: '2019-04-17',
      },
    ]);
    // A weekly clinic plan in the built-in HIS: each doctor two half-days, specialists for 主任医师.
    await tx.insert(hisWeeklyClinics).values(
      DOCTORS.flatMap(([code, , , title], index) =>
        [1 + (index % 5), 1 + ((index + 2) % 5)].map((weekday, n) => ({
          doctorCode: code,
          weekday,
          period: n === 0 ? 'morning' : 'afternoon',
          clinicType: title === '主任医师' ? 'specialist' : 'general',
          feeFen: title === '主任医师' ? 5000 : title === '副主任医师' ? 3000 : 1000,
        })),
      ),
    );
    // The same plan as bookable weekly clinics: 20 numbers a half-day, half of them online. One
    // doctor also holds a free evening clinic every day, so the demo always has something to book.
    const idOf = new Map(doctorIds.map((d) => [d.code, d.id]));
    await tx.insert(scheduleTemplates).values([
      ...DOCTORS.flatMap(([code, , , title], index) =>
        [1 + (index % 5), 1 + ((index + 2) % 5)].map((weekday, n) => ({
          doctorId: idOf.get(code)!,
          weekday,
          period: n === 0 ? 'morning' : 'afternoon',
          clinicType: title === '主任医师' ? 'specialist' : 'general',
          feeFen: title === '主任医师' ? 5000 : title === '副主任医师' ? 3000 : 1000,
          slotCount: 20,
          startTime: n === 0 ? '08:00' : '14:00',
          endTime: n === 0 ? '12:00' : '17:30',
          onlineRatioPercent: null,
        })),
      ),
      ...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        doctorId: doctorIds[0]!.id,
        weekday,
        period: 'evening',
        clinicType: 'general',
        feeFen: 0,
        slotCount: 10,
        startTime: '18:00',
        endTime: '23:30',
        onlineRatioPercent: 100,
      })),
    ]);
    // The demo sandbox's templates (scripts/demo-lib.ts), so the demo's notices reach the phone.
    await tx.insert(notificationTemplates).values([
      {
        kind: 'test',
        templateId: 'TPL_GENERIC',
        fields: {
          first: '测试消息',
          keyword1: '{{content}}',
          keyword2: '{{sentAt}}',
          remark: '来自掌医示范医院',
        },
        url: '/h5/',
      },
      {
        kind: 'appointment_booked',
        templateId: 'TPL_APPOINTMENT_BOOKED',
        fields: {
          first: '您已预约成功',
          keyword1: '{{patientName}}',
          keyword2: '{{department}}',
          keyword3: '{{doctor}}',
          keyword4: '{{visitTime}}',
          remark: '请按时就诊',
        },
        url: '/h5/appointments',
      },
      ...(
        [
          ['appointment_cancelled', '您的预约已取消', '{{doctor}} {{visitTime}}', '{{reason}}'],
          [
            'clinic_stopped',
            '医生停诊，预约已取消',
            '{{doctor}} {{visitTime}}',
            '退款 {{refund}} 元',
          ],
          ['refund_completed', '退款成功', '{{item}}', '{{amount}} 元'],
          [
            'appointment_reminder',
            '明天就诊，请按时到院',
            '{{doctor}} {{visitTime}}',
            '{{location}}',
          ],
        ] as const
      ).map(([kind, first, keyword1, keyword2]) => ({
        kind,
        templateId: 'TPL_GENERIC',
        fields: { first, keyword1, keyword2, remark: '掌医示范医院' },
        url: '/h5/appointments',
      })),
      {
        kind: 'ticket_status_changed',
        templateId: 'TPL_TICKET_STATUS',
        fields: { keyword1: '{{ticketNo}}', keyword2: '{{device}}', keyword3: '{{status}}' },
        url: '/h5/',
      },
    ]);
    await tx.insert(staffAccounts).values(
      demo.accounts.map((account) => ({
        username: account.username,
        displayName: account.displayName,
        roles: account.roles,
        passwordHash,
        phoneEncrypted: deps.pii.encrypt(account.phone),
        phoneHash: deps.pii.lookupHash(account.phone),
      })),
    );
    await seedRepairDemo(tx, deps.clock.now());
    await seedLendingDemo(tx, deps.clock.now());
    return true;
  });
}
