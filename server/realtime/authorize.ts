import { AppError } from '../protocol/index.ts';
import type { Authorize } from './define-handler.ts';

export const anyConnected: Authorize = () => undefined;

export const inRoom: Authorize = (session) => {
  if (!session.room || !session.peer || session.room.isClosed) {
    throw new AppError('not_found', 'Join a room first.');
  }
};
