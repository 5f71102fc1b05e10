import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ResidentCaseView } from '../../api/api-types.ts';
import { residentApi, residentSession } from '../../api/resident-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCaseChanges } from '../../realtime/use-case-changes.ts';
import { deviceId } from './device-id.ts';
import { joinFailureOf, type JoinFailure } from './join-failure.ts';
import { ResidentCaseCard } from './ResidentCaseCard.tsx';
import { ResidentFailure } from './ResidentFailure.tsx';
import { AssistanceBanner } from '../intake/AssistanceBanner.tsx';

type PageState = { kind: 'loading' } | { kind: 'ready'; view: ResidentCaseView } | { kind: 'failed'; failure: JoinFailure };

/** The invitation token, carried after `#` so it never reaches a server log or a Referer header. */
function tokenInAddress(): string | undefined {
  const token = window.location.hash.slice(1);
  return token.length >= 20 ? token : undefined;
}

/** Takes the token out of the address bar (and so out of history, bookmarks and screenshots). */
function forgetTokenInAddress(): void {
  window.history.replaceState(null, '', window.location.pathname);
}

async function openCase(): Promise<ResidentCaseView> {
  const token = tokenInAddress();
  if (token) {
    try {
      const redeemed = await residentApi.redeem(token, deviceId());
      residentSession.set({ token: redeemed.residentToken, expiresAt: redeemed.expiresAt });
      forgetTokenInAddress();
      return redeemed.case;
    } catch (error) {
      // Keep the link only when trying again could help (no answer from the server).
      if (asApiError(error).code !== 'network') forgetTokenInAddress();
      throw error;
    }
  }
  const session = residentSession.get();
  if (!session) throw new NoLinkError();
  return residentApi.myCase(session.token);
}

class NoLinkError extends Error {}

/** Answers meaning the resident's access ended (link withdrawn, case closed); anything else may pass on the next try. */
const LINK_ENDED = new Set([401, 403, 404, 410]);

/** The resident's page: opens the invitation on this device, then shows their case in large, plain text, kept up to date. */
export function ResidentJoinPage() {
  const { t } = useI18n();
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const latestFetch = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each retry (a new attempt) opens the case again
  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    openCase()
      .then((view) => current && setState({ kind: 'ready', view }))
      .catch((error: unknown) => {
        if (!current) return;
        setState({ kind: 'failed', failure: error instanceof NoLinkError ? 'noLink' : joinFailureOf(asApiError(error)) });
      });
    return () => {
      current = false;
    };
  }, [attempt]);

  /** Fetches the case again in place; a failed try keeps what is shown unless the link itself stopped working. */
  const refresh = useCallback(() => {
    const session = residentSession.get();
    if (!session) return;
    // Only the latest answer counts: two fetches may come back out of order.
    const fetchId = ++latestFetch.current;
    residentApi.myCase(session.token).then(
      (view) => fetchId === latestFetch.current && setState((shown) => (shown.kind === 'ready' ? { kind: 'ready', view } : shown)),
      (error: unknown) => {
        const failure = asApiError(error);
        if (fetchId === latestFetch.current && LINK_ENDED.has(failure.status)) setState({ kind: 'failed', failure: joinFailureOf(failure) });
      },
    );
  }, []);

  const residentToken = state.kind === 'ready' ? residentSession.get()?.token : undefined;
  const { cutOff } = useCaseChanges(residentToken, refresh);

  // A page that failed for want of a network tries again once the phone is back online.
  const failedOffline = state.kind === 'failed' && state.failure === 'network';
  useEffect(() => {
    if (!failedOffline) return;
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [failedOffline, retry]);

  return (
    <div className="resident-page">
      {state.kind === 'loading' && <p className="resident-loading">{t('join.opening')}</p>}
      {state.kind === 'ready' && cutOff && (
        <p className="notice warn" role="status" data-testid="network-notice">
          {t('join.reconnecting')}
        </p>
      )}
      {state.kind === 'ready' && <AssistanceBanner />}
      {state.kind === 'ready' && <ResidentCaseCard view={state.view} onRefresh={retry} />}
      {state.kind === 'failed' && <ResidentFailure failure={state.failure} onRetry={retry} />}
    </div>
  );
}
