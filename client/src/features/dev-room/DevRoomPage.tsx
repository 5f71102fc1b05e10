import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { CallSession, type CallState, type RemoteTrack } from '../../media/call-session.ts';
import { mediaUnavailableReason } from '../../media/local-media.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SignalingClient } from '../../realtime/socket.ts';

declare global {
  interface Window {
    /** The page's call, for diagnostics and the end-to-end tests. */
    mediationRoomCall?: CallSession;
  }
}

/**
 * Development page: join a room by its id and talk. No identity checks, so the server serves it
 * only when development rooms are enabled in configuration.
 */
export function DevRoomPage() {
  const { t } = useI18n();
  const query = useMemo(() => new URLSearchParams(window.location.search), []);
  const [roomId, setRoomId] = useState(query.get('room') ?? 'demo');
  const [displayName, setDisplayName] = useState(query.get('name') ?? '');
  const [session, setSession] = useState<CallSession>();
  const [state, setState] = useState<CallState>();

  const join = async (event?: FormEvent) => {
    event?.preventDefault();
    const name = displayName.trim() || t('dev.you');
    const signaling = new SignalingClient({ kind: 'dev', displayName: name });
    const call = new CallSession(signaling);
    window.mediationRoomCall = call;
    call.subscribe(setState);
    setSession(call);
    const small = query.get('small') === '1';
    await call.join(roomId, name, small ? { audio: true, video: { width: 320, height: 240, frameRate: 15 } } : undefined).catch(() => undefined);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only on first render
  useEffect(() => {
    if (query.get('autojoin') === '1' && !mediaUnavailableReason()) void join();
  }, []);

  const leave = async () => {
    await session?.leave();
    setSession(undefined);
    setState(undefined);
  };

  // A browser hides the camera and microphone on a plain-http address: say so rather than fail on it.
  if (mediaUnavailableReason() === 'insecureContext') {
    return (
      <section className="card join-form">
        <h1>{t('dev.title')}</h1>
        <p className="notice error" role="alert" data-testid="device-problem">
          {t('call.insecureContext')}
        </p>
      </section>
    );
  }

  if (!session || !state) {
    return (
      <form className="card join-form" onSubmit={join}>
        <h1>{t('dev.title')}</h1>
        <label>
          {t('dev.roomId')}
          <input value={roomId} onChange={(e) => setRoomId(e.target.value)} required maxLength={64} pattern="[A-Za-z0-9_-]+" />
        </label>
        <label>
          {t('dev.displayName')}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={40} />
        </label>
        <button type="submit" className="button">{t('dev.join')}</button>
      </form>
    );
  }

  const peersWithTracks = state.peers.map((peer) => ({ peer, tracks: state.remoteTracks.filter((track) => track.peerId === peer.peerId) }));
  return (
    <section className="call" data-status={state.status}>
      <h1 className="visually-hidden">{t('dev.title')}</h1>
      {state.status === 'joining' && <p>{t('dev.joining')}</p>}
      {state.status === 'failed' && <p className="error">{t('call.failed')}{state.error}</p>}
      <div className="tiles">
        <VideoTile label={`${state.self?.displayName ?? ''}（${t('dev.you')}）`} stream={state.localStream} muted mirrored />
        {peersWithTracks.map(({ peer, tracks }) => (
          <RemoteTile key={peer.peerId} label={peer.displayName} tracks={tracks} />
        ))}
      </div>
      {state.status === 'joined' && state.peers.length === 0 && <p>{t('dev.waitingOthers')}</p>}
      <div className="controls">
        <button type="button" className="button" onClick={() => void session.setMicMuted(!state.micMuted)}>
          {state.micMuted ? t('call.unmuteMic') : t('call.muteMic')}
        </button>
        <button type="button" className="button" onClick={() => void session.setCameraOff(!state.cameraOff)}>
          {state.cameraOff ? t('call.cameraOn') : t('call.cameraOff')}
        </button>
        <button type="button" className="button danger" onClick={() => void leave()}>
          {t('dev.leave')}
        </button>
      </div>
    </section>
  );
}

function RemoteTile({ label, tracks }: { label: string; tracks: RemoteTrack[] }) {
  const { t } = useI18n();
  const stream = useMemo(() => new MediaStream(tracks.map((track) => track.track)), [tracks]);
  const micMuted = tracks.some((track) => track.source === 'microphone' && track.paused);
  const cameraOff = tracks.some((track) => track.source === 'camera' && track.paused);
  return <VideoTile label={`${label}${micMuted ? ` · ${t('call.micMuted')}` : ''}${cameraOff ? ` · ${t('call.cameraPaused')}` : ''}`} stream={stream} />;
}

function VideoTile({ label, stream, muted = false, mirrored = false }: { label: string; stream: MediaStream | undefined; muted?: boolean; mirrored?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <figure className="tile">
      <video ref={ref} autoPlay playsInline muted={muted} className={mirrored ? 'mirrored' : undefined} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
