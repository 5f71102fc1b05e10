import express, { type ErrorRequestHandler, type Router } from 'express';
import { authenticate, type Authenticators } from './authenticate.ts';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { AppError, httpStatusOf } from '../protocol/index.ts';
import { compressResponses } from './compress-responses.ts';
import { securityHeaders } from './security-headers.ts';
import { serveClient } from './serve-client.ts';

export interface HttpAppOptions {
  api: Router;
  authenticators: Authenticators;
  clientDistDir: string | undefined;
  health: () => Promise<Record<string, unknown>>;
  log: Logger;
  /** Express's `trust proxy`: behind a reverse proxy, the client address comes from X-Forwarded-For. */
  trustProxy?: string | undefined;
}

/** Express: security headers and compression, health, the built client, and JSON errors in the one protocol shape. */
export function createHttpApp({ api, authenticators, clientDistDir, health, log, trustProxy }: HttpAppOptions) {
  const app = express();
  // Sign-in throttling counts per client address; behind a proxy that is the forwarded one.
  if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(compressResponses());
  app.use(express.json({ limit: '256kb' }));

  app.get('/health', async (_req, res, next) => {
    try {
      res.json({ status: 'ok', ...(await health()) });
    } catch (error) {
      next(error);
    }
  });

  // Answers carry personal data: no browser or proxy cache keeps them.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', authenticate(authenticators), api);
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'No such API endpoint.')));

  if (clientDistDir && fs.existsSync(path.join(clientDistDir, 'index.html'))) {
    app.use(serveClient(clientDistDir));
  } else {
    log.warn({ clientDistDir }, 'client build not found; run `npm run build:client` to serve the web page');
  }

  app.use((_req, _res, next) => next(new AppError('not_found', 'Not found.')));

  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof AppError) {
      if (error.extra.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(error.extra.retryAfterSeconds));
      res.status(httpStatusOf[error.code]).json({ error: error.toBody() });
      return;
    }
    // express.json refusals carry a status and a type; they are the client's fault.
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (error?.type === 'entity.too.large') {
      res.status(413).json({ error: new AppError('payload_too_large', 'Request body too large.').toBody() });
    } else if (status >= 400 && status < 500) {
      res.status(400).json({ error: new AppError('invalid_input', 'Malformed request body.').toBody() });
    } else {
      log.error({ err: error }, 'http request failed');
      res.status(500).json({ error: new AppError('internal', 'The server could not complete this request.').toBody() });
    }
  };
  app.use(errorHandler);
  return app;
}
