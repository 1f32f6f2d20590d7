import { createHash } from 'node:crypto';
import type { Plugin, Rolldown } from 'vite';

/**
 * The invitation page, `invite.html`: the page the server answers for `/r/<code>` on a first
 * visit (server/plugins/pwa-static.ts), with the app's entry script INSIDE it, so a respondent's
 * phone gets the page and the code of its first screen in one round trip instead of two
 * (docs/PWA.md "First load on a weak connection": at 400 ms a round trip, the one it saves is a
 * quarter of the time to the first question).
 *
 * The catch is that a module written inline has no URL, while every lazy chunk imports the
 * entry by its URL (`./index-….js`): fetched, that file would run a second copy of the app
 * (a second Solid runtime, a second store). So:
 * - the inline copy hands its exports to the page once it has run
 *   (`globalThis.__parEntry`, replacing its `export {…}`, which nothing could import);
 * - `assets/entry-exports-<hash>.js` re-exports them under the same names;
 * - the page's import map sends the entry's URL to that file, so a lazy chunk imported by this
 *   page gets the running copy's functions, and one loaded in any other page (index.html, no
 *   import map) gets the entry file as before;
 * - the inline copy's own dynamic imports name their chunks from the site's root (`/assets/…`):
 *   an inline module resolves relative names against the page (`/r/`); each also asks for the
 *   exports file, which the chunk will import, so both arrive in one round trip.
 * The re-exports are the values the entry's bindings hold when it has run: right because a
 * module the entry shares with lazy chunks exports only functions and constants (the build
 * stops on an `export let` or `export var` among them, which could change later).
 * Both inline scripts are admitted by their SHA-256 (server/plugins/security-headers.ts).
 */
export const INVITE_PAGE = 'invite.html';
const GLOBAL = '__parEntry';

export function invitePage(): Plugin {
  return {
    name: 'par-invite-page',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After the index.html of vite:build-html and the preload helper's rewrite of the entry.
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((f): f is Rolldown.OutputChunk => f.type === 'chunk' && f.isEntry);
        const index = bundle['index.html'];
        if (!entry || index?.type !== 'asset') return this.error('invite page: no entry chunk or index.html in the bundle');
        if (entry.imports.length > 0) return this.error(`invite page: the entry imports ${entry.imports.join(', ')} statically; only dynamic imports can be rewritten`);
        for (const id of entry.moduleIds) {
          const code = this.getModuleInfo(id)?.code ?? '';
          if (/^export\s+(let|var)\b/m.test(code)) return this.error(`invite page: ${id} exports a let or var, which the entry's lazy chunks would see frozen`);
        }
        const exportsAt = /export\s*\{([^}]*)\};?\s*$/.exec(entry.code);
        if (!exportsAt) return this.error('invite page: the entry chunk does not end with its export list');
        const pairs = (exportsAt[1] ?? '').split(',').map((part) => {
          const [local = '', exported = local] = part.trim().split(/\s+as\s+/);
          return { local, exported };
        });
        if (pairs.length !== entry.exports.length) return this.error('invite page: the export list does not match the entry chunk’s exports');

        const shim = `const m=globalThis.${GLOBAL};${pairs.length ? `const ${pairs.map((p, i) => `_${i}=m[${JSON.stringify(p.exported)}]`).join(',')};` : ''}export{${pairs.map((p, i) => `_${i} as ${p.exported}`).join(',')}};\n`;
        const shimFile = `assets/entry-exports-${createHash('sha256').update(shim).digest('hex').slice(0, 8)}.js`;
        this.emitFile({ type: 'asset', fileName: shimFile, source: shim });

        let code = entry.code.slice(0, exportsAt.index) + `globalThis.${GLOBAL}={${pairs.map((p) => `${JSON.stringify(p.exported)}:${p.local}`).join(',')}};`;
        // Every lazy chunk imports the entry, so each dynamic import also asks for the exports
        // file at once: the chunk and it arrive together, not one round trip after the other
        // (the outbox that stores the first answer included). A failure is the chunk's to report.
        const alongside = `import(\`/${shimFile}\`).catch(()=>0),`;
        for (const file of entry.dynamicImports) {
          const name = file.slice(file.lastIndexOf('/') + 1);
          code = code.replaceAll(`import(\`./${name}\`)`, `(${alongside}import(\`/${file}\`))`).replaceAll(`import("./${name}")`, `(${alongside}import("/${file}"))`);
        }
        if (/import\(\s*[`"']\.\.?\//.test(code)) return this.error('invite page: a relative dynamic import was left in the inline entry');
        // Inside <script>, these would end the element or change how it is parsed.
        if (/<\/script|<!--/i.test(code)) return this.error('invite page: the entry contains "</script" or "<!--" and cannot be inlined');

        const tag = `<script type="module" crossorigin src="/${entry.fileName}"></script>`;
        const html = String(index.source);
        if (!html.includes(tag)) return this.error(`invite page: index.html has no ${tag}`);
        const importMap = JSON.stringify({ imports: { [`/${entry.fileName}`]: `/${shimFile}` } });
        this.emitFile({ type: 'asset', fileName: INVITE_PAGE, source: html.replace(tag, () => `<script type="importmap">${importMap}</script><script type="module">${code}</script>`) });
      },
    },
  };
}
