/** Loudness of a block of samples (-1..1) on a 0..1 scale: -60 dBFS and below is 0, full scale is 1. */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

/** The microphone's level through a WebAudio AnalyserNode; nothing is played out. */
export class AudioLevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly source: MediaStreamAudioSourceNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(track: MediaStreamTrack) {
    this.context = new AudioContext();
    this.source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.source.connect(this.analyser);
    // A context made without a tap may start suspended; the tap that opened this page usually allows it.
    void this.context.resume().catch(() => undefined);
  }

  read(): number {
    this.analyser.getFloatTimeDomainData(this.buffer);
    return levelOf(this.buffer);
  }

  close(): void {
    this.source.disconnect();
    void this.context.close().catch(() => undefined);
  }
}
