import type { ShellMessages } from './shell.zh-CN';

const shellEn: ShellMessages = {
  app: {
    name: 'Zhangyi',
    loading: 'Loading…',
    back: 'Back',
    retry: 'Retry',
    backHome: 'Back to home',
  },
  errors: {
    network: 'Network error; check your connection and try again',
    loadFailed: 'Could not load',
  },
  languages: {
    'zh-CN': '简体中文',
    en: 'English',
  },
  tabs: {
    home: 'Home',
    mine: 'Me',
  },
  services: {
    booking: 'Book a visit',
    appointments: 'My appointments',
    patients: 'Patients',
    reports: 'Reports',
    inpatient: 'Inpatient',
    repair: 'Report a fault',
    loan: 'Borrow equipment',
    articles: 'Health education',
  },
  home: {
    title: 'Home',
    services: 'Services',
    departments: 'Departments',
    departmentCount: 'no departments | {count} department | {count} departments',
    noDepartments: 'No departments yet',
    doctorCount: 'no doctors | {count} doctor | {count} doctors',
    searchPlaceholder: 'Doctor’s name or condition',
    divisionOverview: '{name}: overview and all doctors',
    announcement: 'Notice',
    hospitalIntro: 'About the hospital',
  },
  mine: {
    title: 'Me',
    greeting: 'Hello',
    greetingHint: 'Manage your patients, appointments and reports here',
    myServices: 'My services',
    patients: 'Manage patients',
    appointments: 'My appointments',
    reports: 'My reports',
    repair: 'My fault reports',
    settings: 'Settings',
    largeType: 'Large text',
    largeTypeHint: 'Bigger text, easier to read',
    wechatUser: 'WeChat user {openid}',
    language: 'Language',
    about: 'About',
    hospital: 'About the hospital',
    engineer: 'Repair tickets',
    lending: 'Equipment lending',
    staffBinding: 'Staff binding',
    staff: 'Hospital staff',
  },
  comingSoon: {
    title: 'Coming soon',
    description: '“{feature}” is on its way. Please check back later.',
    genericFeature: 'This feature',
  },
  notFound: {
    title: 'Page not found',
    description: 'This page does not exist or has been removed',
  },
};

export default shellEn;
