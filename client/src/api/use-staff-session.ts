import { useSyncExternalStore } from 'react';
import { staffSession, type StaffSession } from './staff-session.ts';

/** The signed-in staff member's session, re-rendering on sign-in, refresh and sign-out. */
export function useStaffSession(): StaffSession | undefined {
  return useSyncExternalStore(staffSession.subscribe, staffSession.get);
}
