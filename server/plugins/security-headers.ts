import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { SHEET_STYLE_SOURCE } from '../services/invitation-sheet';

/**
 * Response headers every answer carries (docs/SECURITY.md "Headers"):
 * - `Content-Security-Policy`: the app runs only its own scripts; the one inline script of
 *   index.html (the early invitation preload) is admitted by its SHA-256, computed here at
 *   start from the built file, so an edit to it can never be silently blocked or widened.
 *   The API answers `default-src 'none'`: JSON is never a document.
 * - `frame-ancestors 'none'` and `X-Frame-Options: DENY`: no page may frame the app
 *   (clickjacking a respondent or an admin).
 * - `X-Content-Type-Options: nosniff`: a JSON or CSV answer is never run as script or HTML.
 * - `Referrer-Policy: no-referrer`: `/r/<code>` (an invitation code in the path) never leaves
 *   in a Referer header, to another site or to ours.
 * - `Cache-Control: no-store` on every /api/ answer (tokens, codes, personal and score data,
 *   exports): no shared or browser cache keeps them. Static files set their own.
 */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** `'sha256-…'` of every inline `<script>` (one without src) in an HTML page. */
export function inlineScriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    sources.push(`'sha256-${createHash('sha256').update(m[2] ?? '').digest('base64')}'`);
  }
  return sources;
}

/** The policy of the app's pages (and of the slips sheet the console opens as a blob: URL). */
export function appPolicy(indexHtml: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptSources(indexHtml).join(' ')}`.trim(),
    `style-src 'self' ${SHEET_STYLE_SOURCE}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The slips sheet fetched on its own: its inline style and inline SVG, nothing else. */
export const SHEET_POLICY = `default-src 'none'; style-src ${SHEET_STYLE_SOURCE}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function setCommon(reply: FastifyReply, policy: string): void {
  reply.header('content-security-policy', policy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}

/** For errors answered before any hook runs (plugins/errors.ts frameworkErrorHandler). */
export function setApiSecurityHeaders(reply: FastifyReply): void {
  setCommon(reply, API_POLICY);
  reply.header('cache-control', 'no-store');
}

async function securityHeaders(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const index = resolve(opts.root, 'index.html');
  const policy = appPolicy(existsSync(index) ? readFileSync(index, 'utf8') : '');
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) setApiSecurityHeaders(reply);
    else setCommon(reply, policy);
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
