import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { INVITE_PAGE } from '../../pwa/invite-page-plugin';
import { SHEET_STYLE_SOURCE } from '../services/invitation-sheet';

/**
 * Security headers (docs/SECURITY.md "Headers"), each on the answers where it means something,
 * since every byte of a header is paid again by every file of a respondent's first load
 * (docs/PWA.md "First load on a weak connection"):
 * - `X-Content-Type-Options: nosniff` on every answer: a JSON, CSV or script is never run as
 *   anything else.
 * - Documents (HTML, SVG, anything but the plain static types below, and the service worker,
 *   whose script's policy is the worker's) get the app's `Content-Security-Policy`: the app
 *   runs only its own scripts and styles; an inline style or script of index.html (the first
 *   screen's stylesheet: pwa/preload-plugin.ts) is admitted by its SHA-256, computed here at
 *   start from the built file, so an edit to it can never be silently blocked or widened. With it `frame-ancestors 'none'` and
 *   `X-Frame-Options: DENY` (no page may frame the app: clickjacking a respondent or an admin)
 *   and `Referrer-Policy: no-referrer` (`/r/<code>`, an invitation code in the path, never
 *   leaves in a Referer header, to another site or to ours). A script, stylesheet, image or
 *   manifest is never a document: a policy on it governs nothing, so it gets none.
 * - API answers: `default-src 'none'; frame-ancestors 'none'` (JSON is never a document) and
 *   `Cache-Control: no-store` on every one (tokens, codes, personal and score data, exports):
 *   no shared or browser cache keeps them. Static files set their own caching.
 */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** `'sha256-…'` of every inline `<script>` (one without src) in an HTML page. */
function inlineScriptSources(html: string): string[] {
  const sources: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    sources.push(sha256Source(m[2] ?? ''));
  }
  return sources;
}

/** `'sha256-…'` of every `<style>` element of an HTML page (the built index.html inlines its stylesheet). */
function inlineStyleSources(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => sha256Source(m[1] ?? ''));
}

const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The policy of the app's pages (and of the slips sheet the console opens as a blob: URL).
 * Fonts, fetches, the manifest and workers fall back to `default-src 'self'`.
 */
function appPolicy(indexHtml: string, options: { sheet?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptSources(indexHtml).join(' ')}`.trim(),
    `style-src 'self' ${[...inlineStyleSources(indexHtml), ...(options.sheet === false ? [] : [SHEET_STYLE_SOURCE])].join(' ')}`,
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The slips sheet fetched on its own: its inline style and inline SVG, nothing else. */
export const SHEET_POLICY = `default-src 'none'; style-src ${SHEET_STYLE_SOURCE}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** What a document needs: its policy, no framing, no Referer. */
function setDocument(reply: FastifyReply, policy: string): void {
  reply.header('content-security-policy', policy);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}

/** For errors answered before any hook runs (plugins/errors.ts frameworkErrorHandler). */
export function setApiSecurityHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', API_POLICY);
  reply.header('cache-control', 'no-store');
}

/**
 * Static types that are never a document (nor a worker's script) and so need no policy: with
 * nosniff the browser runs or shows them only as what they are.
 */
const NOT_A_DOCUMENT = /^(text\/css|(application|text)\/javascript|image\/(png|x-icon|webp)|application\/manifest\+json|font\/)/;
/** Scripts that become a worker; the policy sent with a worker's script is the worker's. */
const WORKER_SCRIPT = /^\/sw\.js(\?|$)/;

function needsDocumentHeaders(url: string, contentType: string): boolean {
  return WORKER_SCRIPT.test(url) || !NOT_A_DOCUMENT.test(contentType);
}

async function securityHeaders(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const index = resolve(opts.root, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : '';
  const policy = appPolicy(html);
  // An invitation link's page (`/r/<code>`) never opens the slips sheet, which only the console
  // prints: its policy leaves out the sheet's style (bytes of the respondent's first load,
  // docs/PWA.md "First load on a weak connection").
  // That page is invite.html, the shell with the entry script inline (pwa/invite-page-plugin.ts).
  const invite = resolve(opts.root, INVITE_PAGE);
  const respondentPolicy = appPolicy(existsSync(invite) ? readFileSync(invite, 'utf8') : html, { sheet: false });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) setApiSecurityHeaders(reply);
    else reply.header('x-content-type-options', 'nosniff');
  });
  // The content type is known only once the answer is ready (a static file, the shell, an error).
  app.addHook('onSend', async (request, reply, payload) => {
    const header = reply.getHeader('content-type');
    const type = typeof header === 'string' ? header : '';
    if (!request.url.startsWith('/api/')) {
      if (needsDocumentHeaders(request.url, type)) setDocument(reply, request.url.startsWith('/r/') ? respondentPolicy : policy);
    } else if (type.startsWith('text/html')) {
      // An HTML answer of the API (the slips sheet) keeps the policy its route chose.
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
    }
    return payload;
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
