import express, { type Router } from 'express';
import path from 'node:path';

/** Vite names built files `name-HASH.ext`; a changed file gets a new name, so these never go stale. */
const HASHED_ASSET = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * The built single-page client: hashed assets cached for a year as immutable, the page itself
 * revalidated every time so a new release is picked up at once. A missing asset is a 404, never
 * the page (a browser holding an old page must not get HTML as its script).
 */
export function serveClient(clientDistDir: string): Router {
  const router = express.Router();
  const sendPage: express.RequestHandler = (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(clientDistDir, 'index.html'), { cacheControl: false });
  };
  router.use(
    express.static(clientDistDir, {
      index: false,
      cacheControl: false,
      fallthrough: true,
      setHeaders(res, filePath) {
        const relative = path.relative(clientDistDir, filePath).split(path.sep).join('/');
        res.setHeader('Cache-Control', HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  // The client routes by path; every other GET gets the single page.
  router.get(/^\/(?!socket\.io\/|assets\/).*/, sendPage);
  return router;
}
