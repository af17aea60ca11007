import accounts from './accounts.zh-CN';
import booking from './booking.zh-CN';
import content from './content.zh-CN';
import directory from './directory.zh-CN';
import equipment from './equipment.zh-CN';
import lending from './lending.zh-CN';
import notices from './notices.zh-CN';
import shell from './shell.zh-CN';
import wechat from './wechat.zh-CN';

// Simplified Chinese is the source catalogue: the English one must have the same keys.
const zhCN = {
  ...shell,
  ...accounts,
  ...notices,
  ...wechat,
  ...directory,
  ...content,
  ...booking,
  ...equipment,
  ...lending,
};

export type Messages = typeof zhCN;
export default zhCN;
