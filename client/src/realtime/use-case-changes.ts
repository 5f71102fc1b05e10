import { useEffect, useRef, useState } from 'react';
import { handshakeErrorOf, SignalingClient } from './socket.ts';

/**
 * Keeps a resident's page in step with their case: `refresh` runs when the server says the case
 * changed or posts the resident a notice, and at every (re)connection (pushes sent while cut off are lost).
 * Returns whether the phone is cut off, so the page can say so.
 */
export function useCaseChanges(residentToken: string | undefined, refresh: () => void): { cutOff: boolean } {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const [browserOffline, setBrowserOffline] = useState(() => !navigator.onLine);
  const [dropped, setDropped] = useState(false);

  useEffect(() => {
    if (!residentToken) return;
    const signaling = new SignalingClient({ kind: 'resident', residentToken });
    const { socket } = signaling;
    const stopChanges = signaling.on('case:changed', () => refreshRef.current());
    // The agreement and court steps come as notices; each may change the page too.
    const stopNotices = signaling.on('notice:posted', () => refreshRef.current());
    // Every connection refetches, the first too: a change between the page's fetch and the subscription would be missed.
    socket.on('connect', () => {
      setDropped(false);
      refreshRef.current();
    });
    socket.on('disconnect', (reason) => {
      // The server ending the connection (a withdrawn link) is not a network problem: the refetch shows why.
      if (reason === 'io server disconnect') refreshRef.current();
      else if (reason !== 'io client disconnect') setDropped(true);
    });
    socket.on('connect_error', (error) => {
      if (handshakeErrorOf(error)) {
        socket.disconnect();
        refreshRef.current();
      }
    });
    // The browser knows before the socket does (which may wait for its ping timeout): drop it now, reconnect when back.
    const wentOffline = () => {
      setBrowserOffline(true);
      socket.disconnect();
    };
    const cameOnline = () => {
      setBrowserOffline(false);
      socket.connect();
    };
    window.addEventListener('offline', wentOffline);
    window.addEventListener('online', cameOnline);
    return () => {
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
      stopChanges();
      stopNotices();
      signaling.close();
    };
  }, [residentToken]);

  return { cutOff: browserOffline || dropped };
}
