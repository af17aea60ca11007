import { WechatArgumentError } from '../errors';
import type { ApiCaller } from './client';

/** What WeChat tells about a user of the account (since 2021 without nickname or avatar). */
export interface UserInfo {
  openid: string;
  /** Whether the user follows the account; when false, only `openid` is meaningful. */
  subscribed: boolean;
  language?: string;
  /** Follow time, seconds since the epoch. */
  subscribeTime?: number;
  /** Present when the account is bound to an Open Platform account. */
  unionid?: string;
  remark?: string;
  tagIds: number[];
  /** How the user followed, e.g. `ADD_SCENE_QR_CODE`. */
  subscribeScene?: string;
  qrScene?: number;
  qrSceneStr?: string;
}

interface RawUserInfo {
  subscribe?: number;
  openid: string;
  language?: string;
  subscribe_time?: number;
  unionid?: string;
  remark?: string;
  tagid_list?: number[];
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}

function toUserInfo(raw: RawUserInfo): UserInfo {
  const info: UserInfo = {
    openid: raw.openid,
    subscribed: raw.subscribe === 1,
    tagIds: raw.tagid_list ?? [],
  };
  if (raw.language !== undefined) info.language = raw.language;
  if (raw.subscribe_time !== undefined) info.subscribeTime = raw.subscribe_time;
  if (raw.unionid !== undefined) info.unionid = raw.unionid;
  if (raw.remark !== undefined) info.remark = raw.remark;
  if (raw.subscribe_scene !== undefined) info.subscribeScene = raw.subscribe_scene;
  if (raw.qr_scene !== undefined) info.qrScene = raw.qr_scene;
  if (raw.qr_scene_str !== undefined) info.qrSceneStr = raw.qr_scene_str;
  return info;
}

/** User information (用户基本信息). */
export class UserApi {
  constructor(private readonly api: ApiCaller) {}

  /** One user's information. */
  async getInfo(openid: string, lang = 'zh_CN'): Promise<UserInfo> {
    return toUserInfo(await this.api.getJson<RawUserInfo>('/cgi-bin/user/info', { openid, lang }));
  }

  /** Up to 100 users in one call, in the order asked. */
  async batchGetInfo(openids: string[], lang = 'zh_CN'): Promise<UserInfo[]> {
    if (openids.length < 1 || openids.length > 100) {
      throw new WechatArgumentError('batchGetInfo takes 1 to 100 OpenIDs');
    }
    const r = await this.api.postJson<{ user_info_list?: RawUserInfo[] }>(
      '/cgi-bin/user/info/batchget',
      { user_list: openids.map((openid) => ({ openid, lang })) },
    );
    return (r.user_info_list ?? []).map(toUserInfo);
  }
}
