import { useEffect, useRef } from 'react';
import { layerForWidth } from './room-view.ts';

interface VideoTileProps {
  name: string;
  /** Role and side, under the name. */
  detail?: string | undefined;
  stream: MediaStream | undefined;
  /** Show the picture (else the name's first character stands in). */
  showVideo: boolean;
  /** The own tile: never play it out, show it as in a mirror. */
  self?: boolean;
  mirrored?: boolean;
  speaking?: boolean;
  badges?: string[];
  peerId?: string | undefined;
  /** Told the simulcast layer this tile's size deserves, whenever it changes. */
  onLayer?: ((layer: number) => void) | undefined;
}

/** One person: their picture (or initial), name, and what is muted or lost. */
export function VideoTile({ name, detail, stream, showVideo, self = false, mirrored = false, speaking = false, badges = [], peerId, onLayer }: VideoTileProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const figureRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (video.srcObject !== (stream ?? null)) video.srcObject = stream ?? null;
    // Autoplay can be refused until the page was tapped; the next track change tries again.
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);

  useEffect(() => {
    const figure = figureRef.current;
    if (!figure || !onLayer) return;
    let last = -1;
    const observer = new ResizeObserver(([entry]) => {
      const layer = layerForWidth(entry?.contentRect.width ?? 0);
      if (layer !== last) {
        last = layer;
        onLayer(layer);
      }
    });
    observer.observe(figure);
    return () => observer.disconnect();
  }, [onLayer]);

  const classes = ['tile', speaking ? 'speaking' : '', self ? 'self' : ''].filter(Boolean).join(' ');
  return (
    <figure ref={figureRef} className={classes} data-peer-id={peerId} data-name={name}>
      <video ref={videoRef} autoPlay playsInline muted={self} className={mirrored ? 'mirrored' : undefined} hidden={!showVideo} />
      {!showVideo && (
        <div className="tile-avatar" aria-hidden="true">
          {name.slice(0, 1)}
        </div>
      )}
      <figcaption>
        <span className="tile-name">{name}</span>
        {detail && <span className="tile-detail">{detail}</span>}
        {badges.map((badge) => (
          <span key={badge} className="tile-badge">
            {badge}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
