import { createContext, useContext } from 'react';
import type { ResidentSessionView, SessionKind } from '../../api/api-types.ts';
import type { MessageKey } from '../../i18n/messages.ts';

/** A text that names the host or the session, and so has a `<key>.hearing` variant for the court's verification hearing. */
export type KindedKey = { [K in MessageKey]: `${K}.hearing` extends MessageKey ? K : never }[MessageKey];

/**
 * `key` as it reads in this kind of session: in a verification hearing the judge admits, checks
 * identity and runs the call, so the `.hearing` variant; in mediation (or while the kind is not
 * known yet) the key itself.
 */
export function forKind(key: KindedKey, kind: SessionKind | undefined): MessageKey {
  return kind === 'hearing' ? `${key}.hearing` : key;
}

// One rule for server and client: who runs a room, and which kind of session the case's room opens on.
export { hostRoleOf as hostRole, roomSessionKind as roomKindOf } from '../../../../server/domain/session-kind.ts';

/** The heading over the resident's list of session times. */
export function sessionsHeadingKey(sessions: readonly Pick<ResidentSessionView, 'kind'>[]): MessageKey {
  const hearings = sessions.filter((s) => s.kind === 'hearing').length;
  if (hearings === 0) return 'join.sessions';
  return hearings === sessions.length ? 'join.sessions.hearing' : 'join.sessions.mixed';
}

/**
 * The kind of the session a resident is in, for what sits below the call view and is not handed
 * the snapshot (the call controls). Mediation where nobody provides it.
 */
export const SessionKindContext = createContext<SessionKind>('mediation');

export function useSessionKind(): SessionKind {
  return useContext(SessionKindContext);
}
