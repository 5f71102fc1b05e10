import type { staffZh } from './messages-staff.ts';

export const staffEn: Record<keyof typeof staffZh, string> = {

  'login.title': 'Staff sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Wrong username or password.',
  'login.expired': 'Your session has expired. Please sign in again.',



};
