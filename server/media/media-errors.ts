import { AppError } from '../protocol/index.ts';
import type { Logger } from '../logger.ts';

/**
 * mediasoup refuses bad parameters with TypeError or UnsupportedError. Those become
 * `invalid_input` with a fixed message (their raw text goes to the log only); anything else is
 * rethrown as an internal failure.
 */
export async function withMediaInput<T>(log: Logger, what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'TypeError' || name === 'UnsupportedError') {
      log.info({ err: error, what }, 'media parameters refused');
      throw new AppError('invalid_input', `The ${what} parameters were refused by the media server.`);
    }
    throw error;
  }
}
