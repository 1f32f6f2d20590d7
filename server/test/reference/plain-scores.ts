/**
 * A deliberately plain second implementation of docs/SCORING.md (rules 1–4, 6 and 7) and of
 * the small-cells rule of publication (docs/PRIVACY.md "Small cells"), sharing
 * no code with server/stats: it reads dataset.json and follows the text of each rule with
 * loops and plain objects. Its output, expected.json, is committed with the data; the
 * reference test compares the server's figures with it. Intervals (rule 5) are random by
 * nature and are checked by properties instead; ranks here ignore them.
 * Run: npx tsx server/test/reference/plain-scores.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Option { code: string; weight?: number | null }
interface Question { id: string; criterion?: string; options: Option[] }
interface Form { id: string; version: number; sections: { questions: Question[] }[] }
interface Criterion { code: string; maxPoints?: number; subCriteria?: { code: string; maxPoints?: number }[] }
export interface Dataset {
  campaign: {
    missingPolicy: 'rescale' | 'zero';
    index: { fields: { criteria: Criterion[] }[] };
    groups: { code: string; weight: number }[];
    units: { code: string; type: string }[];
    quotas: { unitCode: string; group: string; minRespondents: number }[];
  };
  questionnaires: Form[];
  responses: { id: string; questionnaireId: string; version: number; group: string; unitCode: string | null; answers: [string | null, string, string | null][] }[];
}
export interface PlainUnit {
  respondents: number;
  points: number;
  maxPoints: number;
  percent: number | null;
  rank: number | null;
  flags: string[];
  criteria: Record<string, number | null>;
}

export function plainScores(data: Dataset): Record<string, PlainUnit> {
  // The scored criteria and their maximum points (sub-criteria with points replace their parent).
  const maxOf: Record<string, number> = {};
  for (const field of data.campaign.index.fields) {
    for (const c of field.criteria) {
      const subs = (c.subCriteria ?? []).filter((s) => s.maxPoints !== undefined);
      if (subs.length > 0) for (const s of subs) maxOf[s.code] = s.maxPoints as number;
      else if (c.maxPoints !== undefined) maxOf[c.code] = c.maxPoints;
    }
  }
  const criteria = Object.keys(maxOf);
  const groupWeight: Record<string, number> = {};
  for (const g of data.campaign.groups) groupWeight[g.code] = g.weight;

  // Rules 1 and 2: collect the valid weights of each (unit, question, group) cell.
  const cells: Record<string, { unit: string; criterion: string; question: string; group: string; weights: number[] }> = {};
  const dontKnow: Record<string, number> = {};
  const valid: Record<string, number> = {};
  const validRespondents: Record<string, Record<string, number>> = {};
  const straightLined: Record<string, number> = {};
  for (const response of data.responses) {
    const form = data.questionnaires.find((q) => q.id === response.questionnaireId && q.version === response.version);
    if (!form) throw new Error(`unknown form ${response.questionnaireId}@${response.version}`);
    const unitsWithValid: string[] = [];
    const unitsRated: string[] = [];
    const chosen: string[] = [];
    for (const [unit, questionId, choice] of response.answers) {
      // An answer is about the unit it names (sync requires one on every scored answer).
      let question: Question | undefined;
      for (const section of form.sections) for (const q of section.questions) if (q.id === questionId) question = q;
      if (!question || !question.criterion || !(question.criterion in maxOf) || unit === null || choice === null) continue;
      const option = question.options.find((o) => o.code === choice);
      if (!option) continue;
      chosen.push(choice);
      if (!unitsRated.includes(unit)) unitsRated.push(unit);
      if (option.weight === null || option.weight === undefined) {
        dontKnow[unit] = (dontKnow[unit] ?? 0) + 1;
        continue;
      }
      valid[unit] = (valid[unit] ?? 0) + 1;
      if (!unitsWithValid.includes(unit)) unitsWithValid.push(unit);
      const key = `${unit}|${questionId}|${response.group}`;
      cells[key] ??= { unit, criterion: question.criterion, question: questionId, group: response.group, weights: [] };
      cells[key].weights.push(option.weight);
    }
    for (const unit of unitsWithValid) {
      validRespondents[unit] ??= {};
      validRespondents[unit][response.group] = (validRespondents[unit][response.group] ?? 0) + 1;
    }
    // Rule 6: at least 5 scored answers, all the same option.
    if (chosen.length >= 5 && chosen.every((c) => c === chosen[0])) for (const unit of unitsRated) straightLined[unit] = (straightLined[unit] ?? 0) + 1;
  }

  const out: Record<string, PlainUnit> = {};
  for (const unit of data.campaign.units) {
    // Rule 3: S = M × Σ w·m / Σ w over the cells of the criterion that have valid answers.
    // Publication (docs/PRIVACY.md): a criterion no question of which has 3 valid answers about
    // the unit, all groups together, is withheld and counts as missing.
    const byCriterion: Record<string, number | null> = {};
    const withheld: string[] = [];
    for (const c of criteria) {
      let top = 0;
      let bottom = 0;
      const perQuestion: Record<string, number> = {};
      for (const cell of Object.values(cells)) {
        if (cell.unit !== unit.code || cell.criterion !== c || cell.weights.length === 0) continue;
        const mean = cell.weights.reduce((a, b) => a + b, 0) / cell.weights.length;
        top += (groupWeight[cell.group] ?? 1) * mean;
        bottom += groupWeight[cell.group] ?? 1;
        perQuestion[cell.question] = (perQuestion[cell.question] ?? 0) + cell.weights.length;
      }
      const small = bottom > 0 && Math.max(...Object.values(perQuestion)) < 3;
      if (small) withheld.push(c);
      byCriterion[c] = bottom > 0 && !small ? ((maxOf[c] as number) * top) / bottom : null;
    }
    // Rule 4.
    let points = 0;
    let reachable = 0;
    let full = 0;
    for (const c of criteria) {
      full += maxOf[c] as number;
      const s = byCriterion[c];
      if (s !== null && s !== undefined) {
        points += s;
        reachable += maxOf[c] as number;
      }
    }
    const maxPoints = data.campaign.missingPolicy === 'rescale' ? reachable : full;
    const percent = reachable > 0 ? (100 * points) / maxPoints : null;
    // Rule 6, in the server's order: quota, "don't know", straight-lining, missing criteria.
    const flags: string[] = [];
    const quotas = data.campaign.quotas.filter((q) => q.unitCode === unit.code).sort((a, b) => (a.group < b.group ? -1 : 1));
    for (const q of quotas) if ((validRespondents[unit.code]?.[q.group] ?? 0) < q.minRespondents) flags.push('quota.below_minimum');
    const answered = (valid[unit.code] ?? 0) + (dontKnow[unit.code] ?? 0);
    if (answered > 0 && (dontKnow[unit.code] ?? 0) > answered / 2) flags.push('dont_know.majority');
    if ((straightLined[unit.code] ?? 0) > 0) flags.push('straight_lining');
    if (withheld.length > 0) flags.push('criteria.withheld');
    if (criteria.some((c) => byCriterion[c] === null)) flags.push('criteria.missing');
    const respondents = Object.values(validRespondents[unit.code] ?? {}).reduce((a, b) => a + b, 0);
    out[unit.code] = { respondents, points, maxPoints, percent, rank: null, flags, criteria: byCriterion };
  }
  // Rule 7: rank within a type; equal percentages (to 9 decimals) share a rank, the next skips.
  for (const unit of data.campaign.units) {
    const mine = out[unit.code] as PlainUnit;
    if (mine.percent === null) continue;
    let better = 0;
    for (const other of data.campaign.units) {
      const theirs = out[other.code] as PlainUnit;
      if (other.type === unit.type && theirs.percent !== null && Math.round(theirs.percent * 1e9) > Math.round(mine.percent * 1e9)) better++;
    }
    mine.rank = better + 1;
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const data = JSON.parse(readFileSync(new URL('./dataset.json', import.meta.url), 'utf8')) as Dataset;
  writeFileSync(new URL('./expected.json', import.meta.url), `${JSON.stringify(plainScores(data), null, 1)}\n`);
  console.log('expected.json written');
}
