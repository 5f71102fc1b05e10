import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('TLS configuration', () => {
  it('serves plain http unless given a certificate and key', () => {
    expect(loadConfig({}).tls).toBeUndefined();
  });

  it('takes a certificate, a key and an optional port for the http → https redirect', () => {
    expect(loadConfig({ TLS_CERT_FILE: '/etc/tls/cert.pem', TLS_KEY_FILE: '/etc/tls/key.pem' }).tls).toEqual({ certFile: '/etc/tls/cert.pem', keyFile: '/etc/tls/key.pem', redirectPort: undefined });
    expect(loadConfig({ TLS_CERT_FILE: '/c.pem', TLS_KEY_FILE: '/k.pem', HTTP_REDIRECT_PORT: '80' }).tls?.redirectPort).toBe(80);
  });

  it('refuses half a pair, and a redirect port without TLS, with a readable message', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: '/c.pem' })).toThrowError(/TLS_KEY_FILE: .*TLS_CERT_FILE and TLS_KEY_FILE go together/);
    expect(() => loadConfig({ TLS_KEY_FILE: '/k.pem' })).toThrowError(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
    expect(() => loadConfig({ HTTP_REDIRECT_PORT: '80' })).toThrowError(/HTTP_REDIRECT_PORT: .*needs TLS_CERT_FILE/);
  });
});
