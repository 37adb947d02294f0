// Security headers on every answer (GB/T 22239-2019 8.1.4, OWASP ASVS V14.4), with a Content-Security-Policy that
// allows exactly what the built admin and H5 load: their own scripts, the H5's one inline bootstrap script (by hash),
// inline styles (antd and Taro style elements at run time), report photos from the API's own /api/files/<token>
// ('self': the bucket holds only their ciphertext), and rectification downloads, whose presigned addresses live on the
// storage endpoint's origin. The browser flows fail on any CSP violation.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import type { Config } from '../config';

/** 'sha256-…' sources for each inline <script> of a built page (Taro's H5 sets the root font size inline). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function contentSecurityPolicy(storageOrigin: string, scriptHashes: string[]) {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'script-src-attr': ["'none'"],
    // antd (CSS-in-JS) and Taro insert <style> elements and style attributes at run time
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', storageOrigin],
    'media-src': ["'self'", 'blob:', storageOrigin],
    // Taro's H5 uploadFile reads the picked photo back from its blob: address
    'connect-src': ["'self'", 'blob:', storageOrigin],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    // a county may serve the intranet over plain http; upgrading would break every request there
    'upgrade-insecure-requests': null,
  };
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const h5Index = path.join(config.h5DistDir, 'index.html');
    const scriptHashes = existsSync(h5Index) ? inlineScriptHashes(readFileSync(h5Index, 'utf8')) : [];
    await app.register(fastifyHelmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(app.storage.endpoint, scriptHashes) },
      // file tokens and presigned addresses must not travel to other sites in a Referer
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      // HSTS only means something over https, where a deployment's proxy terminates TLS; browsers ignore it on http
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    });
  },
  { name: 'security-headers', dependencies: ['storage'] },
);
