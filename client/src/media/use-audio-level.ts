import { useEffect, useState } from 'react';
import { AudioLevelMeter } from './audio-level.ts';

/** The microphone track's level (0..1), read ten times a second while mounted. */
export function useAudioLevel(track: MediaStreamTrack | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track || track.readyState === 'ended') return;
    let meter: AudioLevelMeter;
    try {
      meter = new AudioLevelMeter(track);
    } catch {
      return;
    }
    const timer = window.setInterval(() => setLevel(meter.read()), 100);
    return () => {
      window.clearInterval(timer);
      meter.close();
      setLevel(0);
    };
  }, [track]);
  return level;
}
