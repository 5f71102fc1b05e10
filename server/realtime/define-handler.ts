import type { Logger } from '../logger.ts';
import {
  AppError,
  fieldIssuesOf,
  MAX_REQUEST_BYTES,
  requests,
  type Ack,
  type RequestName,
  type RequestOf,
  type ResponseOf,
} from '../protocol/index.ts';
import type { SocketSession } from './socket-session.ts';

export type Authorize = (session: SocketSession) => void;
export type HandlerFn<E extends RequestName> = (session: SocketSession, request: RequestOf<E>) => Promise<ResponseOf<E>>;

export interface Handler {
  event: RequestName;
  run(session: SocketSession, payload: unknown, log: Logger): Promise<Ack<unknown>>;
}

/**
 * The only way a request reaches server logic: its payload is size-checked and parsed with the
 * protocol schema, the caller is authorized from the session (never from the payload), and every
 * failure becomes one error shape. Nothing runs when any of those checks fails.
 */
export function defineHandler<E extends RequestName>(event: E, authorize: Authorize, fn: HandlerFn<E>): Handler {
  const schema = requests[event].request;
  return {
    event,
    async run(session, payload, log) {
      try {
        if (serializedSize(payload) > MAX_REQUEST_BYTES) {
          throw new AppError('payload_too_large', `Requests are limited to ${MAX_REQUEST_BYTES} bytes.`);
        }
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) throw new AppError('invalid_input', `Invalid ${event} request.`, fieldIssuesOf(parsed.error));
        authorize(session);
        const data = await fn(session, parsed.data as RequestOf<E>);
        return { ok: true, data };
      } catch (error) {
        return { ok: false, error: toErrorBody(error, log, event) };
      }
    },
  };
}

export function toErrorBody(error: unknown, log: Logger, event: string) {
  if (error instanceof AppError) return error.toBody();
  // Raw exception text stays in the log; the client learns only that it was our fault.
  log.error({ err: error, event }, 'request failed');
  return new AppError('internal', 'The server could not complete this request.').toBody();
}

function serializedSize(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
