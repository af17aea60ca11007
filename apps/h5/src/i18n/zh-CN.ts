import booking from './booking.zh-CN';
import hospital from './hospital.zh-CN';
import lending from './lending.zh-CN';
import patients from './patients.zh-CN';
import repair from './repair.zh-CN';
import shell from './shell.zh-CN';

// Simplified Chinese is the source catalogue: the English one must have the same keys.
const zhCN = {
  ...shell,
  ...patients,
  ...hospital,
  ...booking,
  ...repair,
  ...lending,
};

export type Messages = typeof zhCN;
export default zhCN;
