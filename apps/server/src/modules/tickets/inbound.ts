import { eq } from 'drizzle-orm';
import { DEVICE_REPORT_PAGE, REPORT_PAGE } from '@zhangyi/contracts';
import type { Reply } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { equipmentSettingsOf } from '../equipment/labels';
import { equipmentDevices } from '../equipment/schema';

const COMMAND = /^\s*报修[\s:：,，]*(.*)$/s;
const ASSET_NO = /[A-Za-z0-9][A-Za-z0-9._/-]{2,39}/g;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A link into the H5 pages through silent OAuth, so the page opens with the user's session. */
function entry(deps: Deps, page: string): string {
  return `${deps.config.publicUrl}/wechat/oauth/start?next=${encodeURIComponent(page)}`;
}

/**
 * Answers a message starting with 报修 sent to the Official Account: with a link to the device's
 * report page when the message names a registered asset number, else to the report page where
 * the device is chosen. Reports themselves are made on the page, so photos, fault type and
 * duplicate handling work the same as after a label scan. Undefined for any other message.
 */
export async function repairCommandReply(deps: Deps, content: string): Promise<Reply | undefined> {
  const match = COMMAND.exec(content);
  if (!match) return undefined;
  const rest = match[1] ?? '';
  let device: { id: string; name: string; assetNo: string } | undefined;
  for (const candidate of rest.match(ASSET_NO)?.slice(0, 5) ?? []) {
    const [row] = await deps.db
      .select({
        id: equipmentDevices.id,
        name: equipmentDevices.name,
        assetNo: equipmentDevices.assetNo,
      })
      .from(equipmentDevices)
      .where(eq(equipmentDevices.assetNo, candidate));
    if (row) {
      device = row;
      break;
    }
  }
  const { repairHotline } = await equipmentSettingsOf(deps.db);
  const hotline = repairHotline ? `\n紧急故障请拨打报修电话 ${repairHotline}。` : '';
  if (device) {
    const link = entry(deps, DEVICE_REPORT_PAGE.replace(':id', device.id));
    return {
      type: 'text',
      content: `请点击 <a href="${escapeHtml(link)}">为 ${escapeHtml(device.name)}（${escapeHtml(device.assetNo)}）报修</a>，选择故障类型、可附照片后提交。${hotline}`,
    };
  }
  return {
    type: 'text',
    content: `请扫描设备上的报修二维码，或点击 <a href="${escapeHtml(entry(deps, REPORT_PAGE))}">在线报修</a> 选择科室和设备。${hotline}`,
  };
}
