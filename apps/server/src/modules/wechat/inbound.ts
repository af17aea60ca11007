import type { InboundMessage, Reply } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { hospitalContact } from '../directory/service';
import { recordDeliveryReport } from '../notifications/service';
import { sceneReply } from '../../scenes';
import { repairCommandReply } from '../tickets/inbound';
import { matchKeyword, replySettings } from './replies';
import { recordFollow, recordLocation, recordUnfollow } from './users';

/** Menu keys the server answers itself; other keys are looked up among the auto-replies. */
const BUILT_IN_KEYS: Record<string, (deps: Deps) => Promise<string>> = {
  CONTACT_US: async (deps) => {
    const contact = await hospitalContact(deps.db);
    return [
      contact.name,
      contact.phone && `电话：${contact.phone}`,
      contact.address && `地址：${contact.address}`,
    ]
      .filter(Boolean)
      .join('\n');
  },
};

/**
 * What the account does with one inbound message or event, and the passive reply if any. Each
 * branch is a few fast queries: WeChat gives up on an answer after five seconds.
 */
export async function handleInbound(
  deps: Deps,
  message: InboundMessage,
): Promise<Reply | undefined> {
  const now = deps.clock.now();
  const openid = message.fromUserName;
  const text = (content: string | null | undefined): Reply | undefined =>
    content ? { type: 'text', content } : undefined;

  if (message.kind === 'event') {
    switch (message.event) {
      case 'subscribe': {
        await recordFollow(deps.db, openid, now, message.sceneKey);
        // A follow through a parametric code answers with what the code leads to.
        const fromScene = message.sceneKey
          ? await sceneReply(deps, message.sceneKey, openid, true)
          : undefined;
        return fromScene ?? text((await replySettings(deps.db)).welcomeReply);
      }
      case 'SCAN':
        return sceneReply(deps, message.sceneKey, openid, false);
      case 'unsubscribe':
        await recordUnfollow(deps.db, openid, now);
        return undefined;
      case 'LOCATION':
        await recordLocation(deps.db, openid, now, message.latitude, message.longitude);
        return undefined;
      case 'CLICK': {
        const builtIn = BUILT_IN_KEYS[message.eventKey];
        if (builtIn) return text(await builtIn(deps));
        return text(
          (await matchKeyword(deps.db, message.eventKey)) ??
            (await replySettings(deps.db)).defaultReply,
        );
      }
      case 'TEMPLATESENDJOBFINISH':
        await recordDeliveryReport(deps.db, message.msgId, message.status);
        return undefined;
      default:
        return undefined;
    }
  }
  if (message.kind === 'text') {
    const repair = await repairCommandReply(deps, message.content);
    if (repair) return repair;
    return text(
      (await matchKeyword(deps.db, message.content)) ?? (await replySettings(deps.db)).defaultReply,
    );
  }
  return undefined;
}
