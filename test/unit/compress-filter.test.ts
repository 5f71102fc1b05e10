import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { shouldCompress } from '../../server/http/compress-responses.ts';

const request = { headers: {} } as Request;
const responseOf = (contentType: string) => ({ getHeader: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : undefined) }) as unknown as Response;

describe('which responses are compressed', () => {
  it('compresses text: scripts, styles, the page, JSON, SVG', () => {
    for (const type of ['application/javascript; charset=utf-8', 'text/css; charset=utf-8', 'text/html; charset=utf-8', 'application/json; charset=utf-8', 'image/svg+xml']) {
      expect(shouldCompress(request, responseOf(type)), type).toBe(true);
    }
  });

  it('leaves already compressed formats alone: PDFs, pictures, media, archives, woff fonts', () => {
    for (const type of ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'video/webm', 'audio/ogg', 'application/zip', 'font/woff2', 'application/octet-stream']) {
      expect(shouldCompress(request, responseOf(type)), type).toBe(false);
    }
  });
});
