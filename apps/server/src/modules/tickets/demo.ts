import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { staffAccounts } from '../accounts/schema';
import { seedEquipmentDemo } from '../equipment/demo';
import { notificationTemplates } from '../notifications/schema';
import {
  ticketDispatchRules,
  ticketDutyShifts,
  ticketFaultTypes,
  ticketGroupMembers,
  ticketGroups,
} from './schema';

/** Fault types by category code: name and default urgency. */
const FAULT_TYPES: [string | null, string, 'normal' | 'urgent' | 'critical'][] = [
  ['PC', '无法开机', 'urgent'],
  ['PC', '蓝屏或死机', 'normal'],
  ['PC', '运行缓慢', 'normal'],
  ['PRN', '卡纸', 'normal'],
  ['PRN', '打印不清晰', 'normal'],
  ['PRN', '无法连接打印', 'normal'],
  ['NET', '网络不通', 'urgent'],
  ['MON', '报警或读数异常', 'critical'],
  ['VENT', '报警或无法通气', 'critical'],
  [null, '其他问题', 'normal'],
];

/**
 * The demo's fault reporting: the registry, fault types, one engineer group (the demo engineer as
 * lead, the equipment manager as member) taking every ticket, the engineer on duty for a week, and
 * templates for the ticket notices that the demo sandbox owns.
 */
export async function seedRepairDemo(tx: Tx, now: Date): Promise<void> {
  const categories = await seedEquipmentDemo(tx, now);
  await tx.insert(ticketFaultTypes).values(
    FAULT_TYPES.map(([cat, name, defaultUrgency], index) => ({
      name,
      categoryId: cat ? categories.get(cat)! : null,
      defaultUrgency,
      sortOrder: index,
    })),
  );
  const staff = await tx
    .select({ id: staffAccounts.id, username: staffAccounts.username })
    .from(staffAccounts)
    .where(inArray(staffAccounts.username, ['engineer', 'manager']));
  const engineer = staff.find((s) => s.username === 'engineer');
  const manager = staff.find((s) => s.username === 'manager');
  const [group] = await tx.insert(ticketGroups).values({ name: '信息科工程师组' }).returning();
  await tx
    .insert(ticketGroupMembers)
    .values([
      ...(engineer ? [{ groupId: group!.id, accountId: engineer.id, isLead: true }] : []),
      ...(manager ? [{ groupId: group!.id, accountId: manager.id, isLead: false }] : []),
    ]);
  await tx.insert(ticketDispatchRules).values({ groupId: group!.id, sortOrder: 0 });
  if (engineer)
    await tx.insert(ticketDutyShifts).values({
      groupId: group!.id,
      accountId: engineer.id,
      startsAt: now,
      endsAt: new Date(now.getTime() + 7 * 86_400_000),
    });
  const status = (kind: string, first: string, keyword3: string) => ({
    kind,
    templateId: 'TPL_TICKET_STATUS',
    fields: { first, keyword1: '{{ticketNo}}', keyword2: '{{device}}', keyword3 },
    url: '/h5/tickets/{{ticketId}}',
  });
  await tx
    .insert(notificationTemplates)
    .values([
      status('ticket_created', '新报修工单', '{{department}} {{fault}}'),
      status('ticket_accepted', '您的报修已受理', '工程师 {{engineer}}'),
      status('ticket_resolved', '您的报修已修复，请确认', '{{resolution}}'),
      status('ticket_escalated', '工单超时', '{{overdue}}'),
    ])
    .onConflictDoNothing();
  await tx
    .update(notificationTemplates)
    .set({ url: '/h5/tickets/{{ticketId}}' })
    .where(eq(notificationTemplates.kind, 'ticket_status_changed'));
}
