import fc from 'fast-check';
import type { QuestionnaireInput, Relevance } from '../../survey-forms/src';
import { GROUP_CODES, SIPAS_ELEMENTS, UNIT_TYPES } from '../../survey-forms/src';

/**
 * Arbitrary valid questionnaires for the XLSForm property tests: every kind, options with
 * weights, "don't know" and satisfaction marks, number and length bounds, relevance trees
 * over earlier questions, Vietnamese text with quotes, spaces and line breaks.
 */
type Gen = <T, A extends unknown[]>(arb: (...args: A) => fc.Arbitrary<T>, ...args: A) => T;

const CHARS = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ0123456789 ,.;:?!()/-%"\'=+\n'];
const text = (g: Gen, max = 40): string => {
  const body = g(fc.array, fc.constantFrom(...CHARS), { minLength: 0, maxLength: max }).join('');
  // Never blank: a blank cell is an absent value in a spreadsheet.
  return `${g(fc.constantFrom, 'Câu', 'Ông/bà', 'Phần', '"Trích"', "Mục 'A'", '1', '=')}${body}`;
};
const num = (g: Gen, min: number, max: number): number => {
  const n: number = g(() => fc.oneof(fc.integer({ min, max }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true })));
  return Object.is(n, -0) ? 0 : n;
};

interface Q {
  id: string;
  kind: 'single' | 'multi' | 'number' | 'text' | 'date' | 'note';
  perUnit: boolean;
  options: { code: string }[];
}

function leaf(g: Gen, targets: Q[]): Relevance {
  const t = g(fc.constantFrom, ...targets);
  const codes = t.options.map((o: { code: string }) => o.code);
  const eq = () => g(fc.constantFrom, '=' as const, '!=' as const);
  if (t.kind === 'single') return g(fc.boolean) ? { op: 'selected', q: t.id, value: g(fc.constantFrom, ...codes) } : { op: eq(), q: t.id, value: g(fc.constantFrom, ...codes, '') };
  if (t.kind === 'multi') return g(fc.boolean) ? { op: 'selected', q: t.id, value: g(fc.constantFrom, ...codes) } : { op: eq(), q: t.id, value: text(g, 5) };
  if (t.kind === 'number') return { op: g(fc.constantFrom, '=' as const, '!=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const), q: t.id, value: num(g, -1000, 1000) };
  return { op: g(fc.constantFrom, '=' as const, '!=' as const), q: t.id, value: g(fc.constantFrom, '', 'có', "l'x", '2026-01-01') };
}

function relevance(g: Gen, targets: Q[], depth: number): Relevance {
  const pick = depth <= 0 ? 0 : g(fc.integer, { min: 0, max: 3 });
  if (pick <= 1) return leaf(g, targets);
  if (pick === 2) return { op: 'not', arg: relevance(g, targets, depth - 1) };
  const args = g(fc.array, fc.constant(null), { minLength: 2, maxLength: 3 }).map(() => relevance(g, targets, depth - 1));
  return { op: g(fc.constantFrom, 'and' as const, 'or' as const), args };
}

function question(g: Gen, id: string, cross: boolean, earlier: Q[]): Record<string, unknown> & Q {
  const kind = g(fc.constantFrom, 'single' as const, 'single' as const, 'multi' as const, 'number' as const, 'text' as const, 'date' as const, 'note' as const);
  const q: Record<string, unknown> & Q = { id, kind, text: text(g), perUnit: false, options: [] };
  if (g(fc.boolean)) q.help = text(g, 20);
  const note = kind === 'note';
  const profile = !note && g(fc.integer, { min: 0, max: 4 }) === 0;
  if (profile) q.profile = true;
  if (!note && !profile && cross && g(fc.boolean)) q.perUnit = true;
  if (!note && g(fc.boolean)) q.required = true;
  if (kind === 'single' || kind === 'multi') {
    const codes = g(fc.uniqueArray, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,6}$/), { minLength: 2, maxLength: 5 });
    const scored = kind === 'single' && !profile && g(fc.boolean);
    const sipas = kind === 'single' && g(fc.integer, { min: 0, max: 3 }) === 0;
    if (scored) q.criterion = g(fc.constantFrom, '1.1', '3.2.1', 'c7');
    if (sipas) q.sipasElement = g(fc.constantFrom, ...SIPAS_ELEMENTS);
    q.options = codes.map((code, i) => {
      const o: Record<string, unknown> = { code, label: text(g, 15) };
      const weight = g(fc.constantFrom, 'none', 'null', 'number');
      if (scored) o.weight = i === 0 || weight === 'number' ? num(g, 0, 1) : null;
      else if (weight === 'null') o.weight = null;
      else if (weight === 'number') o.weight = num(g, 0, 1);
      if (sipas) o.satisfied = i === 0 ? true : g(fc.constantFrom, true, false, undefined);
      if (o.satisfied === undefined) delete o.satisfied;
      return o as { code: string };
    });
  }
  if (kind === 'number') {
    if (g(fc.boolean)) q.integer = true;
    const [a, b] = [num(g, -1e6, 1e6), num(g, -1e6, 1e6)].sort((x, y) => x - y);
    if (g(fc.boolean)) q.min = a;
    if (g(fc.boolean)) q.max = b;
  }
  if (kind === 'text') {
    const [a, b] = [g(fc.integer, { min: 1, max: 5000 }), g(fc.integer, { min: 1, max: 5000 })].sort((x, y) => x - y);
    if (g(fc.boolean)) q.minLength = a;
    if (g(fc.boolean)) q.maxLength = b;
  }
  const targets = earlier.filter((t) => t.kind !== 'note' && (!t.perUnit || q.perUnit));
  if (targets.length > 0 && g(fc.boolean)) q.relevant = relevance(g, targets, 3);
  return q;
}

function questionnaire(g: Gen): QuestionnaireInput {
  const mode = g(fc.constantFrom, 'own_unit' as const, 'cross' as const);
  const ids: string[] = g(() => fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), { minLength: 1, maxLength: 14 }));
  const earlier: Q[] = [];
  const sections: Record<string, unknown>[] = [];
  let i = 0;
  let s = 0;
  while (i < ids.length) {
    const size = Math.min(ids.length - i, g(fc.integer, { min: 1, max: 5 }));
    const questions = ids.slice(i, i + size).map((id) => {
      const q = question(g, id, mode === 'cross', earlier);
      earlier.push(q);
      return q;
    });
    i += size;
    const section: Record<string, unknown> = { id: `phan-${++s}`, title: text(g, 20), questions };
    if (g(fc.boolean)) section.description = text(g, 30);
    sections.push(section);
  }
  return {
    id: g(() => fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)),
    version: g(fc.integer, { min: 1, max: 1000 }),
    title: text(g),
    intro: g(fc.boolean) ? text(g, 60) : '',
    group: g(fc.constantFrom, ...GROUP_CODES),
    mode,
    unitType: g(fc.constantFrom, ...UNIT_TYPES),
    estimatedMinutes: g(fc.integer, { min: 1, max: 120 }),
    sections,
  } as QuestionnaireInput;
}

export const arbQuestionnaire: fc.Arbitrary<QuestionnaireInput> = fc.gen().map((g) => questionnaire(g as Gen));
