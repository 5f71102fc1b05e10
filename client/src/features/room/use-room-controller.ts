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
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are read once per key
  useEffect(() => {
    const created = new RoomController(options());
    const uninstall = installDiagnostics(created);
    setController(created);
    return () => {
      uninstall();
      created.dispose();
    };
  }, [key]);
  const state = useSyncExternalStore(controller?.subscribe ?? noop, () => controller?.getState());
  return { controller, state };
}
