import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalCode } from '../../survey-forms/src/invitation-code';
import { sendProblem } from './errors';

/**
 * The page's `Link` header (docs/PWA.md "First load on a weak connection"): the browser acts on
 * it as soon as the page's headers arrive, before it has parsed a byte of the page (on a slow
 * phone, parsing can start hundreds of milliseconds later). It names the app's entry script
 * (`modulepreload`, the same request as the page's `<script type="module" crossorigin>`) and,
 * for an invitation link (`/r/<code>`), the invitation, so both download in parallel from the
 * start. The invitation's URL is exactly the one pwa/lib/api.ts asks for (the code in canonical
 * form, the shared rule of survey-forms/src/invitation-code.ts), so the app's request takes the
 * preloaded answer.
 */
function shellLinks(indexHtml: string): (path: string) => string | undefined {
  const scripts = [...indexHtml.matchAll(/<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/g)].map((m) => `<${m[1]}>; rel=modulepreload`);
  return (path) => [...scripts, invitationPreloadLink(path)].filter((l) => l !== undefined).join(', ') || undefined;
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
 * Unknown non-API GETs answer the shell (client-side routes such as /r/<code>); this plugin
 * owns the not-found handler, so every other unknown path is a problem+json 404.
 */
async function pwaStatic(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const root = resolve(opts.root);
  const hasShell = existsSync(resolve(root, 'index.html'));
  const links = shellLinks(hasShell ? readFileSync(resolve(root, 'index.html'), 'utf8') : '');
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
      const preload = basename(path) === 'index.html' && !res.hasHeader('link') ? links('/') : undefined;
      if (preload) res.header('Link', preload);
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && hasShell && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      const preload = links(path);
      if (preload) reply.header('Link', preload);
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, 'route.not_found', `${request.method} ${path}`);
  });
}

export default fp(pwaStatic, { name: 'pwa-static', dependencies: ['errors'] });
