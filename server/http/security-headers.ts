import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Features the room needs: this origin's camera and microphone (and clipboard for invitation links);
 * the powerful rest off. Only features Chromium knows: an unknown one is reported as an error.
 */
const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'clipboard-write=(self)',
  'fullscreen=(self)',
  'autoplay=(self)',
  ...['geolocation', 'payment', 'usb', 'serial', 'hid', 'midi', 'magnetometer', 'gyroscope', 'accelerometer', 'display-capture', 'interest-cohort', 'browsing-topics'].map((feature) => `${feature}=()`),
].join(', ');

/** A Host header we are willing to echo into the policy: a host name or address and an optional port. */
const PLAIN_HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * Socket.IO's websocket. Browsers that follow CSP 3 match ws/wss under 'self'; older Safari does
 * not, hence wss: (any secure socket) and, over plain http (a demo on a LAN), this very host's ws:.
 */
function websocketSources(req: Request): string[] {
  const host = req.headers.host;
  return !req.secure && host && PLAIN_HOST.test(host) ? ['wss:', `ws://${host}`] : ['wss:'];
}

/**
 * Helmet with a policy fitted to the built client: every script and style is a file under
 * /assets (React sets style attributes through the DOM, which CSP does not govern), QR codes are
 * data: images. HSTS only on a secure request: over plain http browsers ignore it, and a LAN demo
 * has no certificate to pin.
 */
export function securityHeaders(): RequestHandler[] {
  const strictTransport = helmet.strictTransportSecurity({ maxAge: 31536000, includeSubDomains: true });
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'", (req) => websocketSources(req as Request).join(' ')],
          mediaSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
    }),
    (req, res, next) => {
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      if (req.secure) strictTransport(req, res, next);
      else next();
    },
  ];
}
