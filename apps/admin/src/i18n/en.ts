import accounts from './accounts.en';
import booking from './booking.en';
import content from './content.en';
import directory from './directory.en';
import equipment from './equipment.en';
import lending from './lending.en';
import notices from './notices.en';
import shell from './shell.en';
import wechat from './wechat.en';
import type { Messages } from './zh-CN';

const en: Messages = {
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

export default en;
