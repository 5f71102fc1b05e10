import type { RoomMemberView, RoomSnapshot } from '@protocol';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LocalMediaState } from '../../media/local-media.ts';
import type { RemoteTrack } from '../../media/media-connection.ts';
import { gridMembers, roleKeys, tracksOf } from './room-view.ts';
import { VideoTile } from './VideoTile.tsx';

interface VideoGridProps {
  snapshot: RoomSnapshot;
  remoteTracks: RemoteTrack[];
  activeSpeaker: string | undefined;
  selfPeerId: string | undefined;
  local: LocalMediaState;
  micOn: boolean;
  cameraOn: boolean;
  /** False while video is stepped down for a weak network. */
  receivingVideo: boolean;
  onLayer: (peerId: string, layer: number) => void;
}

/** Everyone this member can see and hear now, and themself. */
export function VideoGrid({ snapshot, remoteTracks, activeSpeaker, selfPeerId, local, micOn, cameraOn, receivingVideo, onLayer }: VideoGridProps) {
  const { t } = useI18n();
  const members = gridMembers(snapshot);
  const self = snapshot.self;
  const selfBadges = [!micOn ? t('room.micMuted') : '', !cameraOn ? t('room.cameraOff') : ''].filter(Boolean);
  return (
    <div className={`tiles count-${Math.min(members.length + 1, 6)}`} data-testid="video-grid">
      {members.map((member) => (
        <RemoteTile key={member.key} member={member} kind={snapshot.kind} remoteTracks={remoteTracks} receivingVideo={receivingVideo} speaking={!!member.peerId && member.peerId === activeSpeaker} onLayer={onLayer} />
      ))}
      <VideoTile
        name={`${self.name}（${t('room.you')}）`}
        detail={roleKeys(self, snapshot.kind).map((key) => t(key)).join(' · ')}
        stream={local.stream}
        showVideo={cameraOn && !!local.camera}
        self
        mirrored={local.facing === 'user'}
        speaking={!!selfPeerId && selfPeerId === activeSpeaker}
        badges={selfBadges}
        peerId={selfPeerId}
      />
    </div>
  );
}

/** Another member's picture and sound, from the tracks received of their media peer. */
export function RemoteTile({ member, kind, remoteTracks, receivingVideo, speaking, onLayer }: { member: RoomMemberView; kind?: RoomSnapshot['kind'] | undefined; remoteTracks: RemoteTrack[]; receivingVideo: boolean; speaking: boolean; onLayer: VideoGridProps['onLayer'] }) {
  const { t } = useI18n();
  const { audio, video } = tracksOf(remoteTracks, member.peerId);
  const stream = useMemo(() => {
    const tracks = [audio?.track, video?.track].filter((track): track is MediaStreamTrack => !!track);
    return tracks.length > 0 ? new MediaStream(tracks) : undefined;
  }, [audio?.track, video?.track]);
  const peerId = member.peerId;
  const layer = useCallback((value: number) => peerId && onLayer(peerId, value), [peerId, onLayer]);
  const micMuted = member.mutedByMediator || !member.speakAllowed || !audio || audio.paused;
  const badges = [
    !member.online ? t('room.offlineBadge') : '',
    micMuted ? t('room.micMuted') : '',
    !video || video.paused ? t('room.cameraOff') : '',
  ].filter(Boolean);
  return (
    <VideoTile
      name={member.name}
      detail={roleKeys(member, kind).map((key) => t(key)).join(' · ')}
      stream={stream}
      showVideo={!!video && !video.paused && receivingVideo}
      speaking={speaking}
      badges={badges}
      peerId={peerId}
      onLayer={video ? layer : undefined}
    />
  );
}
