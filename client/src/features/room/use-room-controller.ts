import { useEffect, useState, useSyncExternalStore } from 'react';
import { RoomController, type RoomControllerOptions, type RoomState } from './room-controller.ts';
import { installDiagnostics } from './room-diagnostics.ts';

const noop = () => () => undefined;

/**
 * A room controller for as long as the page is mounted (and `key` unchanged), with its state.
 * Made in an effect, so React's development double-mount makes and disposes one cleanly.
 */
export function useRoomController(key: string, options: () => RoomControllerOptions): { controller: RoomController | undefined; state: RoomState | undefined } {
  const [controller, setController] = useState<RoomController>();
  useEffect(() => {
    const created = new RoomController(options());
    const uninstall = installDiagnostics(created);
    setController(created);
    return () => {
      uninstall();
      created.dispose();
    };
    // The options are read once per key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const state = useSyncExternalStore(controller?.subscribe ?? noop, () => controller?.getState());
  return { controller, state };
}
