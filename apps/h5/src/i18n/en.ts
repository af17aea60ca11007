import booking from './booking.en';
import hospital from './hospital.en';
import lending from './lending.en';
import patients from './patients.en';
import repair from './repair.en';
import shell from './shell.en';
import type { Messages } from './zh-CN';

const en: Messages = {
  ...shell,
  ...patients,
  ...hospital,
  ...booking,
  ...repair,
  ...lending,
};

export default en;
