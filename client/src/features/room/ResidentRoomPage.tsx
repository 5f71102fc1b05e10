import type { RoomSnapshot } from '@protocol';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiError, asApiError } from '../../api/api-error.ts';
import { residentApi, residentSession } from '../../api/resident-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { RequestError } from '../../realtime/socket.ts';
import { DeclarationStep } from '../join/DeclarationStep.tsx';
import { DeviceCheck } from '../join/DeviceCheck.tsx';
import { IdentityStep, type IdentityAnswer } from '../join/IdentityStep.tsx';
import { joinFailureOf } from '../join/join-failure.ts';
import { ResidentFailure } from '../join/ResidentFailure.tsx';
import { WaitingRoom } from '../join/WaitingRoom.tsx';
import type { RoomController, RoomState } from './room-controller.ts';
import { RoomOutcome } from './RoomOutcome.tsx';
import { ResidentSessionEnded } from './ResidentSessionEnded.tsx';
import { enterErrorKey, toApiError } from './room-view.ts';
import { forKind, roomKindOf, SessionKindContext } from './session-kind.ts';
import { useRoomController } from './use-room-controller.ts';
import { AssistanceBanner } from '../intake/AssistanceBanner.tsx';
import { loadCallView } from './room-loaders.ts';

// The call itself loads while the resident waits (see room-loaders.ts).
const InRoomView = lazy(() => loadCallView().then((module) => ({ default: module.InRoomView })));

async function requestError(action: () => Promise<unknown>): Promise<ApiError | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return (error instanceof RequestError ? toApiError(error.body) : undefined) ?? asApiError(error);
  }
}

/**
 * The resident's way into the room, after their invitation link was opened on this phone:
 * device check, declaration, identity, waiting room, then the call. In the court's verification
 * hearing the same way, worded for the judge.
 */
export function ResidentRoomPage() {
  const session = residentSession.get();
  const [generation, setGeneration] = useState(0);
  if (!session) return <ResidentFailure failure="noLink" onRetry={() => undefined} />;
  return <ResidentRoom key={generation} token={session.token} onRejoin={() => setGeneration((n) => n + 1)} />;
}

function ResidentRoom({ token, onRejoin }: { token: string; onRejoin: () => void }) {
  const { t } = useI18n();
  const caseView = useApiData(`resident-case:${token}`, () => residentApi.myCase(token));
  const { controller, state } = useRoomController(`resident:${token}`, () => ({ auth: () => ({ kind: 'resident', residentToken: token }), mediaWanted: false }));
  const [devicesChecked, setDevicesChecked] = useState(false);
  const [declared, setDeclared] = useState(false);

  const admission = state?.snapshot?.self.admission;
  // A declined resident asks again from the declaration.
  useEffect(() => {
    if (admission === 'declined' || admission === 'entering') return;
    setDeclared(false);
  }, [admission]);

  // The room tells the kind of its session; until it has, the case's sessions do.
  const kind = state?.snapshot?.kind ?? (caseView.data && roomKindOf(caseView.data));

  if (caseView.error && caseView.error.code !== 'network') return <ResidentFailure failure={joinFailureOf(caseView.error)} onRetry={caseView.reload} />;
  if (!controller || !state) return <p className="resident-loading">{t(forKind('room.connecting', kind))}</p>;
  if (state.outcome === 'ended') return <ResidentSessionEnded token={token} kind={kind} />;
  if (state.outcome) return <RoomOutcome outcome={state.outcome} kind={kind} onRejoin={onRejoin} />;
  if (state.enterError) {
    if (state.enterError.code === 'unauthenticated') return <ResidentFailure failure={joinFailureOf(new ApiError(401, 'unauthenticated', state.enterError.message))} onRetry={onRejoin} />;
    return (
      <section className="card resident-card" role="alert">
        <p className="resident-title">{t(forKind(enterErrorKey(state.enterError), kind))}</p>
        <button type="button" className="button big" onClick={onRejoin}>
          {t('device.retry')}
        </button>
      </section>
    );
  }
  const snapshot = state.snapshot;
  if (!snapshot) return <p className="resident-loading">{state.connection === 'reconnecting' ? t('room.reconnecting') : t(forKind('room.connecting', kind))}</p>;

  if (!devicesChecked) {
    return (
      <DeviceCheck
        local={controller.local}
        kind={snapshot.kind}
        onNext={() => {
          setDevicesChecked(true);
          controller.enableMedia();
        }}
      />
    );
  }
  return <AfterChecks controller={controller} state={state} snapshot={snapshot} mediatorName={caseView.data?.mediatorName} declared={declared} onDeclared={() => setDeclared(true)} />;
}

function AfterChecks({ controller, state, snapshot, mediatorName, declared, onDeclared }: { controller: RoomController; state: RoomState; snapshot: RoomSnapshot; mediatorName: string | undefined; declared: boolean; onDeclared: () => void }) {
  const { t } = useI18n();
  const kind = snapshot.kind;
  switch (snapshot.self.admission) {
    case 'admitted':
      return (
        <SessionKindContext.Provider value={kind}>
          {/* The room is video and controls; the heading names it for screen readers. */}
          <h1 className="visually-hidden">{snapshot.title}</h1>
          <Suspense fallback={<p className="resident-loading">{t(forKind('room.connecting', kind))}</p>}>
            <InRoomView controller={controller} state={state} snapshot={snapshot} layout="resident" />
          </Suspense>
        </SessionKindContext.Provider>
      );
    case 'waiting':
      return <WaitingRoom snapshot={snapshot} mediatorName={mediatorName} controller={controller} state={state} />;
    case 'declined':
      return (
        <section className="card resident-card" role="status" data-testid="declined">
          <h1 className="resident-title">{t(forKind('waiting.declined', kind))}</h1>
          <p>{t(forKind('waiting.declinedBody', kind))}</p>
          <button type="button" className="button big" onClick={() => void controller.reenter()}>
            {t('waiting.applyAgain')}
          </button>
        </section>
      );
    case 'removed':
      return <RoomOutcome outcome="removed" kind={kind} />;
    case 'entering':
      // On a grid worker's device (帮办) the door says who assists: the party declares and is checked in person.
      return (
        <>
          <AssistanceBanner />
          {declared ? (
            <IdentityStep kind={kind} onSubmit={(answer: IdentityAnswer) => requestError(() => controller.verifyIdentity(answer))} />
          ) : (
            <DeclarationStep
              kind={kind}
              onSubmit={async (consent) => {
                const error = await requestError(() => controller.declare(consent));
                if (!error) onDeclared();
                return error;
              }}
            />
          )}
        </>
      );
  }
}
