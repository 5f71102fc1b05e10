/** Sign-in, the header, shared labels and the texts of API errors. */
export const staffZh = {

  'login.title': '工作人员登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.failed': '用户名或密码不正确。',
  'login.expired': '登录已过期，请重新登录。',



} as const;
