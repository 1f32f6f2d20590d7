import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * The page's head, with no request it can spare (docs/PWA.md "First load on a weak
 * connection"): on a phone on 3G every request of a first visit costs a round trip and its
 * headers. (The invitation itself is preloaded by a `Link` header the server sends with
 * `/r/<code>`: server/plugins/pwa-static.ts.)
 * - The app's stylesheet (the one of the first screen; staff and console styles travel with
 *   their chunks) is inlined as a `<style>`: no request, and the page can paint before the
 *   script has arrived. Its file is still written, for the lazy chunks that name it.
 * - The tab's icon travels inside the page as a `data:` URL, its filled shapes only (the
 *   browser would otherwise fetch /icon.svg during the first load); the file stays for the
 *   manifest and the service worker.
 * The server admits the inline style by its SHA-256 (server/plugins/security-headers.ts hashes
 * the inline styles and scripts of the built index.html).
 */
/** Stylesheets inlined in the page, which the small preload helper below counts as loaded. */
const inlinedCss = new Set<string>();

export function inlineHead(): Plugin {
  return {
    name: 'par-inline-head',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        // At tab size the icon's outlined boxes and tick are a blur: the filled shapes are enough.
        const svg = readFileSync(new URL('./public/icon.svg', import.meta.url), 'utf8')
          .replace(/\s*<[^>]*fill="none"[^>]*>/g, '')
          .replace(/\s*\n\s*/g, '')
          .replace(/"/g, "'");
        const icon = `data:image/svg+xml,${svg.replace(/[%#<>]/g, (c) => encodeURIComponent(c))}`;
        let page = html.replace('href="/icon.svg"', `href="${icon}"`);
        // The build only (the dev server serves the stylesheet as a module).
        const bundle = ctx.bundle;
        if (bundle) {
          page = page.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (tag, fileName: string) => {
            const asset = bundle[fileName];
            if (asset?.type !== 'asset') return tag;
            inlinedCss.add(fileName);
            // The file stays: lazy chunks loaded from lazy chunks (console → chart, unit page,
            // review) list it among their dependencies, and a missing one fails their import
            // ("Unable to preload CSS"). The page itself never requests it.
            return `<style>${String(asset.source).trim()}</style>`;
          });
        }
        return page;
      },
    },
  };
}

/**
 * A smaller stand-in for Vite's helper that loads a lazy chunk's stylesheets before the chunk
 * runs (`__vitePreload`): the respondent's first load carries it, and Vite's own, written for
 * every browser and set-up, is ~0.6 kB of that load compressed (docs/PWA.md "Code loaded
 * later"). With `build.modulePreload: false` a lazy chunk's deps are only its stylesheets
 * (its scripts load as its imports). Same contract: `__vitePreload(load, deps)` adds each
 * stylesheet once (paths under the base `/`) and calls `load` once they have loaded; one that
 * fails rejects, so the lazy screen fails as it would without its styles and is tried again
 * the next time (offline before the service worker has it, the update prompt stays away).
 */
export function smallPreloadHelper(): Plugin {
  const id = '\0vite/preload-helper.js';
  const marker = '__PAR_INLINED_CSS__';
  // The entry's stylesheet is inlined in the page (inlineHead above), but a lazy chunk that
  // imports the entry still names it among its stylesheets: it is marked as loaded, not fetched.
  const code = `const seen = {};
for (const dep of '${marker}'.split(' ')) seen[dep] = undefined;
export const __vitePreload = (load, deps) =>
  Promise.all((deps || []).map((dep) =>
    dep in seen ? seen[dep] : (seen[dep] = new Promise((ok, fail) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/' + dep;
      link.onload = ok;
      link.onerror = () => {
        delete seen[dep];
        link.remove();
        fail(new Error('stylesheet ' + dep));
      };
      document.head.appendChild(link);
    })),
  )).then(() => load());
`;
  return {
    name: 'par-small-preload-helper',
    enforce: 'pre',
    apply: 'build',
    load: (requested) => (requested === id ? code : undefined),
    // After inlineHead has inlined the entry's stylesheet: the stylesheets the chunks name that
    // are in the page already (or are no files).
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const named = new Set<string>();
        for (const file of Object.values(bundle)) if (file.type === 'chunk') for (const m of file.code.matchAll(/"(assets\/[^"]+\.css)"/g)) if (m[1]) named.add(m[1]);
        const inlined = [...named].filter((name) => inlinedCss.has(name) || !(name in bundle)).join(' ');
        for (const file of Object.values(bundle)) if (file.type === 'chunk' && file.code.includes(marker)) file.code = file.code.replace(marker, inlined);
      },
    },
  };
}
