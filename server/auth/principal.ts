import type { AccountRole, Actor, Assistant } from '../domain/case-types.ts';

export interface Account {
  accountId: string;
  username: string;
  displayName: string;
  role: AccountRole;
  orgId?: string | undefined;
  courtId?: string | undefined;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

/** Who is calling, established from a verified token only. */
export type Principal =
  /** `orgScope`: for centre staff, their organisation and those under it (from the directory at sign-in of each request). */
  | { kind: 'staff'; account: Account; jti: string; tokenExpiresAt: number; orgScope?: string[] | undefined }
  | { kind: 'resident'; caseId: string; participantId: string; invitationId: string; name: string; assistedBy?: Assistant | undefined }
  | { kind: 'anonymous' };

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'staff':
      return { kind: 'account', accountId: principal.account.accountId, role: principal.account.role, name: principal.account.displayName };
    case 'resident':
      // An assisted session says so in every event it writes (帮办代办 on record).
      return { kind: 'resident', participantId: principal.participantId, name: principal.name, ...(principal.assistedBy ? { assistedBy: principal.assistedBy } : {}) };
    case 'anonymous':
      return { kind: 'system' };
  }
}
