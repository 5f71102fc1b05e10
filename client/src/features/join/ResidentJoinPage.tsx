import { useCallback, useEffect, useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ResidentCaseView } from '../../api/api-types.ts';
import { residentApi, residentSession } from '../../api/resident-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { deviceId } from './device-id.ts';
import { joinFailureOf, type JoinFailure } from './join-failure.ts';
import { ResidentCaseCard } from './ResidentCaseCard.tsx';
import { ResidentFailure } from './ResidentFailure.tsx';

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

/** The resident's page: opens the invitation on this device, then shows their case in large, plain text. */
export function ResidentJoinPage() {
  const { t } = useI18n();
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

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

  return (
    <div className="resident-page">
      {state.kind === 'loading' && <p className="resident-loading">{t('join.opening')}</p>}
      {state.kind === 'ready' && <ResidentCaseCard view={state.view} onRefresh={retry} />}
      {state.kind === 'failed' && <ResidentFailure failure={state.failure} onRetry={retry} />}
    </div>
  );
}
