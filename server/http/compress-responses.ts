import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Already compressed formats: compressing them again costs CPU and gains nothing. */
const ALREADY_COMPRESSED = /^(application\/(pdf|zip|gzip|x-7z-compressed|octet-stream)|image\/(png|jpeg|gif|webp|avif)|audio\/|video\/|font\/woff2?)/i;

export function shouldCompress(req: Request, res: Response): boolean {
  const type = String(res.getHeader('content-type') ?? '');
  if (ALREADY_COMPRESSED.test(type)) return false;
  return compression.filter(req, res);
}

/** gzip, or brotli where the browser accepts it (quality 4: close to gzip's speed, smaller output). */
export function compressResponses(): RequestHandler {
  return compression({ filter: shouldCompress, threshold: 1024 });
}
