import type { AccountRole, Actor } from '../domain/case-types.ts';

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
  | { kind: 'resident'; caseId: string; participantId: string; invitationId: string; name: string }
  | { kind: 'anonymous' };

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'staff':
      return { kind: 'account', accountId: principal.account.accountId, role: principal.account.role, name: principal.account.displayName };
    case 'resident':
      return { kind: 'resident', participantId: principal.participantId, name: principal.name };
    case 'anonymous':
      return { kind: 'system' };
  }
}
