import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The repository explains itself (docs/ARCHITECTURE.md §13 docs): every spec a file cites is
 * a page of docs/ that exists, cited with its docs/ path, and every numbered section, scoring
 * rule or link anchor it names is a heading of that page. No database.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'data', 'coverage', 'test-output', 'out']);
const SELF = relative(ROOT, fileURLToPath(import.meta.url));

function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sourceFiles(join(dir, e.name));
    return /\.(ts|tsx|md|html|js)$/.test(e.name) ? [relative(ROOT, join(dir, e.name))] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

const docCache = new Map<string, string | null>();
function docText(name: string): string | null {
  if (!docCache.has(name)) {
    try {
      docCache.set(name, readFileSync(join(ROOT, 'docs', name), 'utf8'));
    } catch {
      docCache.set(name, null);
    }
  }
  return docCache.get(name) ?? null;
}
const headings = (text: string) => [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => (m[1] ?? '').trim());

interface Finding {
  file: string;
  line: number;
  problem: string;
}

function check(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  const inDocs = file.startsWith('docs/');
  const ownAnchors = file.endsWith('.md') ? headings(text).map(slug) : [];
  text.split('\n').forEach((lineText, i) => {
    const at = (problem: string) => found.push({ file, line: i + 1, problem });
    // The three specs by bare name: outside docs/ they need their docs/ path.
    for (const m of lineText.matchAll(/(^|[^\w/.-])((?:DOMAIN|API|STYLE)\.md)/g)) {
      const name = m[2] ?? '';
      if (!inDocs) at(`cites ${name} without docs/`);
      else if (docText(name) === null) at(`cites ${name}, which is not in docs/`);
    }
    // Every docs page named must exist; a numbered section or rule must be one of its headings.
    for (const m of lineText.matchAll(/docs\/([\w-]+\.md)(?: (§\d+|rule \d+|"[^"]+"))?/g)) {
      const [name = '', section] = [m[1], m[2]];
      const page = docText(name);
      if (page === null) {
        at(`cites docs/${name}, which does not exist`);
        continue;
      }
      if (!section) continue;
      const n = section.replace(/\D/g, '');
      const quoted = section.startsWith('"') ? section.slice(1, -1).toLowerCase() : undefined;
      const wanted = section.startsWith('§') ? new RegExp(`^${n}\\. `) : new RegExp(`^Rule ${n}:`);
      const has = (h: string) => (quoted !== undefined ? h.toLowerCase().includes(quoted) : wanted.test(h));
      // A quoted name is a heading, or a table or field the page names in backticks.
      const named = quoted !== undefined && page.includes(`\`${section.slice(1, -1)}\``);
      if (!named && !headings(page).some(has)) at(`cites docs/${name} ${section}, which has no such heading`);
    }
    // Markdown links into docs pages with an anchor: the anchor must be a heading of the page.
    for (const m of lineText.matchAll(/\]\(((?:\.\.\/)?(?:docs\/)?)([\w-]+\.md)#([^)\s]+)\)/g)) {
      const [prefix = '', name = '', anchor = ''] = [m[1], m[2], m[3]];
      const isDocsPage = prefix.includes('docs/') || (inDocs && prefix === '');
      if (!isDocsPage) continue;
      const page = docText(name);
      if (page !== null && !headings(page).map(slug).includes(anchor)) at(`links to ${name}#${anchor}, which is not a heading there`);
    }
    // Links to a heading of the same page.
    for (const m of lineText.matchAll(/\]\(#([^)\s]+)\)/g)) {
      if (file.endsWith('.md') && !ownAnchors.includes(m[1] ?? '')) at(`links to #${m[1] ?? ''}, which is not a heading of this page`);
    }
  });
  return found;
}

describe('citations of docs/', () => {
  const files = sourceFiles().filter((f) => f !== SELF);

  it('finds the source files and the spec pages', () => {
    expect(files).toContain('server/app.ts');
    for (const page of ['DOMAIN.md', 'API.md', 'SCORING.md', 'ARCHITECTURE.md', 'SYNC.md']) expect(docText(page)).not.toBeNull();
  });

  it('every cited spec is a docs/ page that exists, and every cited section, rule or anchor is one of its headings', () => {
    const findings = files.flatMap((f) => check(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(findings.map((x) => `${x.file}:${x.line}: ${x.problem}`)).toEqual([]);
  });

  it('catches a bare spec name, a missing page, a missing section and a missing anchor', () => {
    const bad = [
      'see DOMAIN.md §3 and STYLE.md practice 4',
      'see docs/NOWHERE.md',
      'see docs/DOMAIN.md §99 and docs/SCORING.md rule 42',
      'see [it](docs/API.md#no-such-heading)',
      'see docs/API.md "Progress and scores"',
    ].join('\n');
    expect(check('server/example.ts', bad).map((x) => x.problem)).toEqual([
      'cites DOMAIN.md without docs/',
      'cites STYLE.md without docs/',
      'cites docs/NOWHERE.md, which does not exist',
      'cites docs/DOMAIN.md §99, which has no such heading',
      'cites docs/SCORING.md rule 42, which has no such heading',
      'links to API.md#no-such-heading, which is not a heading there',
      'cites docs/API.md "Progress and scores", which has no such heading',
    ]);
    expect(check('docs/EXAMPLE.md', '# Top\n\nsee [below](#nowhere) and [top](#top)').map((x) => x.problem)).toEqual([
      'links to #nowhere, which is not a heading of this page',
    ]);
    // Inside docs/ a bare name is a relative link; it must still be a page there (link text and target).
    expect(check('docs/EXAMPLE.md', 'as [STYLE.md](STYLE.md) says').map((x) => x.problem)).toEqual([
      'cites STYLE.md, which is not in docs/',
      'cites STYLE.md, which is not in docs/',
    ]);
    expect(check('docs/EXAMPLE.md', 'see [rule 3](SCORING.md#rule-3-criterion-score), docs/ARCHITECTURE.md §4 errors and docs/SYNC.md "Invitations"')).toEqual([]);
  });
});
