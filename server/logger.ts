import pino from 'pino';

/** The process-wide root logger; modules take a child with their name (`logger.child({ module })`). */
export const rootLogger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  redact: { paths: ['*.idNumber', '*.phone', '*.password', '*.token'], censor: '[redacted]' },
});

export type Logger = pino.Logger;

export function moduleLogger(module: string): Logger {
  return rootLogger.child({ module });
}
