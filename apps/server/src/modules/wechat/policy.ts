/** The Official Account's replies and menu are administration. */
export const wechatPermissions = {
  'wechat.manage': ['admin'],
} as const;
