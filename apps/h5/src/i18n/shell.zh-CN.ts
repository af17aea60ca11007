// The pages' frame: the app's name, tabs, the home and mine pages, and the error pages.
const shellZhCN = {
  app: {
    name: '掌医',
    loading: '加载中…',
    back: '返回',
    retry: '重试',
    backHome: '返回首页',
  },
  errors: {
    network: '网络连接失败，请检查网络后重试',
    loadFailed: '加载失败',
  },
  languages: {
    'zh-CN': '简体中文',
    en: 'English',
  },
  tabs: {
    home: '首页',
    mine: '我的',
  },
  services: {
    booking: '预约挂号',
    appointments: '我的预约',
    patients: '就诊人',
    reports: '报告查询',
    inpatient: '住院服务',
    repair: '设备报修',
    loan: '设备借用',
    articles: '健康宣教',
  },
  home: {
    title: '首页',
    services: '便民服务',
    departments: '科室导航',
    departmentCount: '{count} 个科室',
    noDepartments: '暂无科室信息',
    doctorCount: '医生 {count} 位',
    searchPlaceholder: '搜索医生姓名或擅长疾病',
    divisionOverview: '{name}概况与全部医生',
    announcement: '医院公告',
    hospitalIntro: '查看医院介绍',
  },
  mine: {
    title: '我的',
    greeting: '您好',
    greetingHint: '在这里管理就诊人、预约和报告',
    myServices: '我的服务',
    patients: '就诊人管理',
    appointments: '我的预约',
    reports: '我的报告',
    repair: '我的报修',
    settings: '设置',
    largeType: '大字模式',
    largeTypeHint: '放大页面文字，方便阅读',
    wechatUser: '微信用户 {openid}',
    language: '语言',
    about: '关于医院',
    hospital: '医院介绍',
    engineer: '维修工单',
    lending: '设备调配',
    staffBinding: '工作人员绑定',
    staff: '工作人员',
  },
  comingSoon: {
    title: '即将上线',
    description: '“{feature}”正在建设中，敬请期待',
    genericFeature: '该功能',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已移除',
  },
};

export type ShellMessages = typeof shellZhCN;
export default shellZhCN;
