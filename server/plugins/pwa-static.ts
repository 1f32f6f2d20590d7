import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { INVITE_PAGE } from '../../pwa/invite-page-plugin';
import { canonicalCode } from '../../survey-forms/src/invitation-code';
import { sendProblem } from './errors';

/**
 * The page's `Link` header (docs/PWA.md "First load on a weak connection"): the browser acts on
 * it as soon as the page's headers arrive, before it has parsed a byte of the page (on a slow
 * phone, parsing can start hundreds of milliseconds later). On the shell it names the app's
 * entry script (`modulepreload`, the same request as the page's `<script type="module"
 * crossorigin>`); the invitation page (`/r/<code>`) carries that script inline
 * (pwa/invite-page-plugin.ts) and names the invitation, so it downloads alongside the page.
 * The invitation's URL is exactly the one pwa/lib/api.ts asks for (the code in canonical
 * form, the shared rule of survey-forms/src/invitation-code.ts), so the app's request takes the
 * preloaded answer.
 */
function shellLink(indexHtml: string): string | undefined {
  const scripts = [...indexHtml.matchAll(/<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/g)].map((m) => `<${m[1]}>; rel=modulepreload`);
  return scripts.join(', ') || undefined;
}

/** The preload of the invitation of `/r/<code>`, if the path is one. */
function invitationPreloadLink(path: string): string | undefined {
  const m = /^\/r\/([^/]+)\/?$/.exec(path);
  if (!m?.[1]) return undefined;
  let code: string;
  try {
    code = canonicalCode(decodeURIComponent(m[1]));
  } catch {
    return undefined;
  }
  return code ? `</api/invitations/${code}>; rel=preload; as=fetch; crossorigin` : undefined;
}

/**
 * Serves the built PWA at `/`. Hashed assets are cached for a year; the shell, the service
 * worker and the manifest are revalidated every time so an update is seen promptly.
 * Unknown non-API GETs answer the shell (client-side routes such as /console), and `/r/…` the
 * invitation page, the same app with its entry inline; this plugin owns the not-found handler,
 * so every other unknown path is a problem+json 404. A service worker, once installed, answers
 * every navigation with its cached shell instead (pwa/vite.config.ts).
 */
async function pwaStatic(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const root = resolve(opts.root);
  const hasShell = existsSync(resolve(root, 'index.html'));
  const link = shellLink(hasShell ? readFileSync(resolve(root, 'index.html'), 'utf8') : '');
  const hasInvitePage = existsSync(resolve(root, INVITE_PAGE));
  if (!hasShell) app.log.warn({ root }, 'PWA chưa được build (npm run build): only the API is served');
  else await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    // scripts/compress-dist.ts writes .br and .gz beside each text asset at build time.
    preCompressed: true,
    // Whole small files only: a range of a compressed 10 kB script helps nobody.
    acceptRanges: false,
    // Only as the answer to `/r/…` (below), whose policy admits its inline scripts.
    allowedPath: (path, _root, request) => path.replace(/^\//, '') !== INVITE_PAGE || request.url.startsWith('/r/'),
    setHeaders: (res, path) => {
      const cacheable = path.includes('/assets/') && !/(^|\/)(sw|registerSW)\.js$/.test(path);
      res.header('Cache-Control', cacheable ? 'max-age=31536000, immutable' : 'no-cache');
      // A hashed, immutable file is never revalidated: its validators would only add bytes
      // to every first load (docs/PWA.md "First load on a weak connection"). The others are
      // revalidated by their ETag alone; a second validator is only more bytes.
      res.removeHeader('last-modified');
      if (cacheable) res.removeHeader('etag');
      if (basename(path).endsWith('.webmanifest')) res.header('Content-Type', 'application/manifest+json');
      // The shell at `/` or `/index.html` (other paths set theirs in the not-found handler below).
      if (basename(path) === 'index.html' && !res.hasHeader('link') && link) res.header('Link', link);
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && hasShell && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      reply.header('Cache-Control', 'no-cache');
      if (path.startsWith('/r/') && hasInvitePage) {
        const preload = invitationPreloadLink(path);
        if (preload) reply.header('Link', preload);
        return reply.sendFile(INVITE_PAGE);
      }
      if (link) reply.header('Link', link);
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, 'route.not_found', `${request.method} ${path}`);
  });
}

export default fp(pwaStatic, { name: 'pwa-static', dependencies: ['errors'] });
