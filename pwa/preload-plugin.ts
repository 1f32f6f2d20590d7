import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { canonicalCode } from '../survey-forms/src/invitation-code.ts';
import { preloadInvitation } from './preload.ts';

/**
 * Writes pwa/preload.ts, with the shared code rule, as its own small classic script
 * (`assets/preload-<hash>.js`) and loads it `async` from the page's head: it runs as soon as
 * it arrives, before the app's module script, without an inline script (a Content-Security-
 * Policy can forbid those) and without a chunk shared with the app (one script on first load).
 */
export function invitationPreload(): Plugin {
  const source = `(${preloadInvitation.toString()})(${canonicalCode.toString()});\n`;
  const fileName = `assets/preload-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
  return {
    name: 'par-invitation-preload',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== `/${fileName}`) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
    transformIndexHtml: () => [{ tag: 'script', attrs: { async: true, src: `/${fileName}` }, injectTo: 'head-prepend' }],
  };
}
