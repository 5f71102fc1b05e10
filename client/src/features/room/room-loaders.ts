/*
 * The parts of the room a resident needs only once admitted: the call view (with its texts) and mediasoup-client
 * (about 40 kB gzip of the 50 kB they weigh). The door and the waiting room show without them;
 * the waiting room fetches them while the resident waits (`prefetchRoom`), and media start or the
 * call view asks for them in any case. A failed download is forgotten, so the next ask retries.
 */
import { loadCatalogs } from '../../i18n/catalogs.ts';

type MediaStack = typeof import('../../media/media-connection.ts');
type CallView = typeof import('./InRoomView.tsx');

let mediaStack: Promise<MediaStack> | undefined;
let callView: Promise<CallView> | undefined;

export function loadMediaStack(): Promise<MediaStack> {
  mediaStack ??= import('../../media/media-connection.ts').catch((error: unknown) => {
    mediaStack = undefined;
    throw error;
  });
  return mediaStack;
}

export function loadCallView(): Promise<CallView> {
  // The call's own texts come with it.
  callView ??= Promise.all([import('./InRoomView.tsx'), loadCatalogs(['call'])]).then(([module]) => module, (error: unknown) => {
    callView = undefined;
    throw error;
  });
  return callView;
}

/** Starts both downloads; nothing waits on them. */
export function prefetchRoom(): void {
  void loadMediaStack().catch(() => undefined);
  void loadCallView().catch(() => undefined);
}
