import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { InvitationInfo } from '../../survey-forms/src/api';
import type { Question, Questionnaire } from '../../survey-forms/src/questionnaire';
import { showIfAsRelevance, type Relevance } from '../../survey-forms/src/relevance';

/**
 * The SurveyJS side of the PWA benchmark (scripts/bench/pwa.ts): our questionnaire converted
 * to a SurveyJS model, and a page that renders it with SurveyJS's jQuery-free UI
 * (`survey-core` + `survey-js-ui`, devDependencies used only here), served like ours: from
 * 127.0.0.1, brotli-compressed once at start, hashed-asset caching headers.
 * The model is inline in the page (SurveyJS's usual set-up), where ours is fetched by the app.
 */
type Json = Record<string, unknown>;

/** What both apps show before the first question: the same start button text, the same promise. */
export interface IntroText {
  start: string;
  anonymity: string;
}

/** Our relevance tree as a SurveyJS expression (`{q} = 'a' and not …`). */
function expression(e: Relevance): string {
  switch (e.op) {
    case 'and':
    case 'or':
      return e.args.map((a) => `(${expression(a)})`).join(` ${e.op} `);
    case 'not':
      return `!(${expression(e.arg)})`;
    case 'selected':
      return `{${e.q}} contains ${JSON.stringify(e.value)}`;
    default:
      return `{${e.q}} ${e.op} ${typeof e.value === 'number' ? e.value : JSON.stringify(e.value)}`;
  }
}

function question(q: Question, all: Map<string, Question>, units: InvitationInfo['units']): Json {
  const base: Json = { name: q.id, title: q.text, isRequired: q.required, ...(q.help ? { description: q.help } : {}) };
  const relevance = q.relevant ?? (q.showIf ? showIfAsRelevance(q.showIf, all.get(q.showIf.questionId)?.kind === 'multi') : undefined);
  if (relevance) base.visibleIf = expression(relevance as Relevance);
  const choices = q.options.map((o) => ({ value: o.code, text: o.label }));
  // A per-unit choice question of a cross form is a matrix: one row per rated unit, as our matrix.
  if (q.perUnit && q.kind === 'single') return { ...base, type: 'matrix', columns: choices, rows: units.map((u) => ({ value: u.id, text: u.name })), isAllRowRequired: q.required };
  const bounds = { ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}) };
  switch (q.kind) {
    case 'single':
      return { ...base, type: 'radiogroup', choices };
    case 'multi':
      return { ...base, type: 'checkbox', choices };
    case 'number':
      return { ...base, type: 'text', inputType: 'number', ...bounds };
    case 'date':
      return { ...base, type: 'text', inputType: 'date' };
    case 'text':
      return { ...base, type: 'comment', ...(q.maxLength ? { maxLength: q.maxLength } : {}) };
    case 'note':
      return { type: 'html', name: q.id, html: `<p>${escapeHtml(q.text)}</p>`, ...(base.visibleIf ? { visibleIf: base.visibleIf } : {}) };
  }
}

/**
 * Our invitation (GET /api/invitations/:code) as a SurveyJS model: a start page with the same
 * intro (title, organizer, duration, anonymity, Start), then one page per section, the same
 * questions, choices, required flags and skip logic (showIf → visibleIf).
 */
export function toSurveyJs(info: InvitationInfo, text: IntroText): Json {
  const q: Questionnaire = info.questionnaire;
  const all = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const));
  const intro = [info.organizer, `${q.estimatedMinutes} phút`, text.anonymity, info.campaignName, q.intro].filter(Boolean);
  return {
    title: q.title,
    locale: 'vi',
    firstPageIsStartPage: true,
    startSurveyText: text.start,
    showProgressBar: 'top',
    pages: [
      { name: 'gioi-thieu', elements: [{ type: 'html', name: 'intro', html: intro.map((p) => `<p>${escapeHtml(p)}</p>`).join('') }] },
      ...q.sections.map((s) => ({ name: s.id, title: s.title, ...(s.description ? { description: s.description } : {}), elements: s.questions.map((x) => question(x, all, info.units)) })),
    ],
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const require = createRequire(import.meta.url);
// The packages export only their module entries: find their folders through those.
const core = dirname(require.resolve('survey-core'));
const ui = dirname(require.resolve('survey-js-ui'));
/** The SurveyJS version measured (survey-core and survey-js-ui are pinned to the same one). */
export const SURVEYJS_VERSION = (JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as { version: string }).version;

const FILES: Record<string, { path: string; type: string }> = {
  '/sjs/survey.core.min.js': { path: join(core, 'survey.core.min.js'), type: 'application/javascript; charset=utf-8' },
  '/sjs/survey-js-ui.min.js': { path: join(ui, 'survey-js-ui.min.js'), type: 'application/javascript; charset=utf-8' },
  // The font-less theme: neither app loads a web font (ours uses system fonts only).
  '/sjs/survey-core.fontless.min.css': { path: join(core, 'survey-core.fontless.min.css'), type: 'text/css; charset=utf-8' },
};

function page(model: Json): string {
  // `</` cannot end the script early: the model is JSON inside a script element.
  const inline = JSON.stringify(model).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SurveyJS</title>
<link rel="stylesheet" href="/sjs/survey-core.fontless.min.css">
<script src="/sjs/survey.core.min.js"></script>
<script src="/sjs/survey-js-ui.min.js"></script>
</head><body><div id="survey"></div>
<script>
const model = new Survey.Model(${inline});
SurveyUI.renderSurvey(model, document.getElementById('survey'));
</script></body></html>`;
}

interface Body {
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
  type: string;
  cache: string;
}

const encode = (raw: Buffer, type: string, cache: string): Body => ({ raw, br: brotliCompressSync(raw), gzip: gzipSync(raw, { level: 9 }), type, cache });

/** Serves the SurveyJS page (at `/`) and its files on a free local port, compressed like our built files. */
export async function startSurveyJsServer(model: Json): Promise<{ base: string; close(): Promise<void> }> {
  const bodies = new Map<string, Body>([['/', encode(Buffer.from(page(model)), 'text/html; charset=utf-8', 'no-cache')]]);
  for (const [url, f] of Object.entries(FILES)) bodies.set(url, encode(readFileSync(f.path), f.type, 'public, max-age=31536000, immutable'));
  const server: Server = createServer((req, res) => {
    const body = bodies.get((req.url ?? '/').split('?')[0] ?? '/');
    if (!body) return void res.writeHead(404).end();
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [encoding, data] = /\bbr\b/.test(accepts) ? ['br', body.br] : /\bgzip\b/.test(accepts) ? ['gzip', body.gzip] : [undefined, body.raw];
    res.writeHead(200, { 'content-type': body.type, 'cache-control': body.cache, vary: 'accept-encoding', 'content-length': data.length, ...(encoding ? { 'content-encoding': encoding } : {}) });
    res.end(data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
