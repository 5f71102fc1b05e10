/*
 * How much video a tab asks its camera for. `?small=1` on any page (tests, weak devices) keeps the
 * camera at 320x240, at most 15 frames a second, for the rest of the tab's life: the address loses
 * its query as the resident moves from the invitation to the room.
 */
const STORAGE_KEY = 'mediation-room.small-video';

export type Facing = 'user' | 'environment';

export function rememberVideoProfile(search: string = window.location.search): void {
  const small = new URLSearchParams(search).get('small');
  try {
    if (small === '1') sessionStorage.setItem(STORAGE_KEY, '1');
    else if (small === '0') sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: the default profile it is.
  }
}

export function smallVideo(): boolean {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === '1' || new URLSearchParams(window.location.search).get('small') === '1';
  } catch {
    return false;
  }
}

export function cameraConstraints(choice: { facing: Facing } | { deviceId: string }): MediaTrackConstraints {
  const size: MediaTrackConstraints = smallVideo()
    ? { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15, max: 15 } }
    : { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } };
  return 'deviceId' in choice ? { ...size, deviceId: { exact: choice.deviceId } } : { ...size, facingMode: { ideal: choice.facing } };
}

export const microphoneConstraints: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
