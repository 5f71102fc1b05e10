import { cameraConstraints, microphoneConstraints, type Facing } from './video-profile.ts';

export type LocalMediaProblem = 'denied' | 'notFound' | 'cameraUnavailable' | 'insecureContext' | 'unsupportedBrowser' | 'other';

/**
 * Why this page cannot ask for the camera at all, if it cannot. Browsers hand the camera and
 * microphone only to secure pages (https, or localhost): on a plain-http link
 * `navigator.mediaDevices` is simply missing, and asking would fail with a meaningless error.
 */
export function mediaUnavailableReason(): LocalMediaProblem | undefined {
  if (!window.isSecureContext) return 'insecureContext';
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return 'unsupportedBrowser';
  return undefined;
}

/** Problems that trying again on this page cannot fix. */
export function isPermanentProblem(problem: LocalMediaProblem): boolean {
  return problem === 'insecureContext' || problem === 'unsupportedBrowser';
}

export interface LocalMediaState {
  status: 'idle' | 'starting' | 'ready' | 'failed' | 'stopped';
  /** Microphone and camera together (a new stream object whenever a track changes, for React). */
  stream: MediaStream | undefined;
  microphone: MediaStreamTrack | undefined;
  camera: MediaStreamTrack | undefined;
  /** Chosen by the member: join with the microphone only. */
  audioOnly: boolean;
  facing: Facing;
  cameraCount: number;
  problem: LocalMediaProblem | undefined;
}

type Listener = (state: LocalMediaState) => void;

function problemOf(error: unknown): LocalMediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  if (name === 'NotReadableError' || name === 'AbortError') return 'cameraUnavailable';
  return 'other';
}

/**
 * This device's microphone and camera, from the device check to the end of the call. The room
 * sends these tracks; switching camera or going audio-only changes them here and the room
 * replaces what it sends.
 */
export class LocalMedia {
  private readonly listeners = new Set<Listener>();
  state: LocalMediaState = { status: 'idle', stream: undefined, microphone: undefined, camera: undefined, audioOnly: false, facing: 'user', cameraCount: 0, problem: undefined };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): LocalMediaState => this.state;

  /** Opens the microphone and, unless audio only, the camera. A missing camera falls back to the microphone alone. */
  async start(audioOnly = this.state.audioOnly): Promise<void> {
    this.stopTracks();
    const unavailable = mediaUnavailableReason();
    if (unavailable) {
      this.update({ status: 'failed', audioOnly, problem: unavailable, microphone: undefined, camera: undefined, stream: undefined, cameraCount: 0 });
      return;
    }
    this.update({ status: 'starting', audioOnly, problem: undefined, microphone: undefined, camera: undefined, stream: undefined });
    let microphone: MediaStreamTrack | undefined;
    let camera: MediaStreamTrack | undefined;
    let problem: LocalMediaProblem | undefined;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints, video: audioOnly ? false : cameraConstraints({ facing: this.state.facing }) });
      [microphone] = stream.getAudioTracks();
      [camera] = stream.getVideoTracks();
    } catch (error) {
      problem = problemOf(error);
      if (!audioOnly && problem !== 'denied') {
        // The camera may be the part that failed (none, or busy in another app): try the microphone alone.
        try {
          [microphone] = (await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints })).getAudioTracks();
          problem = 'cameraUnavailable';
        } catch (second) {
          problem = problemOf(second);
        }
      }
    }
    const cameraCount = await this.countCameras();
    this.update({ status: microphone || camera ? 'ready' : 'failed', microphone, camera, stream: this.streamOf(microphone, camera), problem, cameraCount });
  }

  /** Audio only (camera closed) or back to the camera. */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    if (audioOnly) {
      this.state.camera?.stop();
      this.update({ audioOnly: true, camera: undefined, stream: this.streamOf(this.state.microphone, undefined) });
      return;
    }
    this.update({ audioOnly: false });
    const camera = await this.openCamera({ facing: this.state.facing });
    this.update({ camera, stream: this.streamOf(this.state.microphone, camera) });
  }

  /**
   * The next camera: by device id when the device lists several, else the other facing mode
   * (front/back). The old camera is closed first: many phones cannot open two at once.
   */
  async switchCamera(): Promise<MediaStreamTrack | undefined> {
    if (this.state.audioOnly) return undefined;
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput' && d.deviceId);
    const currentId = this.state.camera?.getSettings().deviceId;
    const facing: Facing = this.state.facing === 'user' ? 'environment' : 'user';
    this.state.camera?.stop();
    let camera: MediaStreamTrack | undefined;
    if (cameras.length > 1) {
      const index = cameras.findIndex((d) => d.deviceId === currentId);
      camera = await this.openCamera({ deviceId: cameras[(index + 1) % cameras.length]!.deviceId });
    } else {
      camera = await this.openCamera({ facing });
    }
    this.update({ facing, camera, stream: this.streamOf(this.state.microphone, camera), cameraCount: cameras.length });
    return camera;
  }

  stop(): void {
    this.stopTracks();
    this.update({ status: 'stopped', microphone: undefined, camera: undefined, stream: undefined });
  }

  private async openCamera(choice: { facing: Facing } | { deviceId: string }): Promise<MediaStreamTrack | undefined> {
    try {
      const [camera] = (await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(choice) })).getVideoTracks();
      this.update({ problem: undefined });
      return camera;
    } catch (error) {
      this.update({ problem: problemOf(error) === 'denied' ? 'denied' : 'cameraUnavailable' });
      return undefined;
    }
  }

  private async countCameras(): Promise<number> {
    try {
      return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').length;
    } catch {
      return 0;
    }
  }

  private streamOf(microphone: MediaStreamTrack | undefined, camera: MediaStreamTrack | undefined): MediaStream | undefined {
    const tracks = [microphone, camera].filter((t): t is MediaStreamTrack => !!t);
    return tracks.length > 0 ? new MediaStream(tracks) : undefined;
  }

  private stopTracks(): void {
    this.state.microphone?.stop();
    this.state.camera?.stop();
  }

  private update(patch: Partial<LocalMediaState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
