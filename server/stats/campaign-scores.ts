import type { CriterionScoreView, MissingPolicy, ScoredCriterion, UnitScoreView } from '../../survey-forms/src';
import type { Cell } from './cell-means';
import { criterionScore, type GroupWeights } from './criterion-score';
import { unitFlags } from './flags';
import { rankUnits } from './ranking';
import { pairKey } from './small-cells';
import { unitScore } from './unit-score';

/** What scoring needs to know about a campaign, read once from the database. */
export interface ScoringModel {
  missingPolicy: MissingPolicy;
  criteria: readonly ScoredCriterion[];
  units: readonly { id: string; code: string; name: string; type: 'so' | 'huyen' | 'xa' }[];
  groupWeights: GroupWeights;
  /** unit id → group → quota minimum of valid respondents. */
  minRespondents: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Group code → its name, for the flags' sentences (codes when absent). */
  groupNames?: ReadonlyMap<string, string>;
}


export interface UnitPoints {
  unitId: string;
  points: number;
  maxPoints: number;
  percent: number | null;
  missingCriteria: string[];
  criteria: CriterionScoreView[];
  dontKnowAnswers: number;
}

/**
 * Rules 3 and 4 for every unit: criterion scores, then unit totals under the missing policy.
 * A withheld (unit, criterion) pair (small-cells.ts) is scored as missing; its counts stay.
 */
export function pointScores(model: ScoringModel, cells: readonly Cell[], withheld: ReadonlySet<string> = new Set()): UnitPoints[] {
  const byUnitCriterion = new Map<string, Cell[]>();
  const dontKnow = new Map<string, number>();
  for (const cell of cells) {
    const id = `${cell.unitId}\u0000${cell.criterion}`;
    const list = byUnitCriterion.get(id);
    if (list) list.push(cell);
    else byUnitCriterion.set(id, [cell]);
    dontKnow.set(cell.unitId, (dontKnow.get(cell.unitId) ?? 0) + cell.dontKnow);
  }
  return model.units.map((unit) => {
    const criteria = model.criteria.map((c) => {
      const s = criterionScore(c.maxPoints, byUnitCriterion.get(`${unit.id}\u0000${c.code}`) ?? [], model.groupWeights);
      return { criterionId: c.code, points: withheld.has(pairKey(unit.id, c.code)) ? null : s.points, maxPoints: c.maxPoints, validAnswers: s.validAnswers };
    });
    const total = unitScore(criteria.map((c) => ({ code: c.criterionId, maxPoints: c.maxPoints, points: c.points })), model.missingPolicy);
    return { unitId: unit.id, ...total, criteria, dontKnowAnswers: dontKnow.get(unit.id) ?? 0 };
  });
}


export interface ScoreExtras {
  /** unit id → group → valid respondents. */
  validRespondents: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** unit id → straight-lined responses rating it. */
  straightLined: ReadonlyMap<string, number>;
  /** unit id → 95% bootstrap interval of P(u) (rule 5). */
  intervals: ReadonlyMap<string, [number, number] | null>;
  /** (unit, criterion) pairs withheld for too few respondents (small-cells.ts): scored as missing. */
  withheld?: ReadonlySet<string>;
  /** unit id → responses about it excluded at review (shown beside the figures; they are already left out of the cells). */
  excluded?: ReadonlyMap<string, number>;
}

/** The published figures of every unit: rules 3–4, then flags (rule 6) and ranking (rule 7). */
export function campaignScores(model: ScoringModel, cells: readonly Cell[], extras: ScoreExtras): UnitScoreView[] {
  const points = pointScores(model, cells, extras.withheld);
  const withCi = points.map((p, i) => {
    const unit = model.units[i] ?? { id: p.unitId, code: '', name: '', type: 'so' as const };
    return { unit, p, ci95: p.percent === null ? null : (extras.intervals.get(unit.id) ?? null) };
  });
  const criterionNames = new Map(model.criteria.map((c) => [c.code, c.name]));
  const names = { group: (code: string) => model.groupNames?.get(code), criterion: (code: string) => criterionNames.get(code) };
  const ranks = rankUnits(withCi.map(({ unit, p, ci95 }) => ({ unitId: unit.id, type: unit.type, percent: p.percent, ci95 })));
  return withCi.map(({ unit, p, ci95 }) => {
    const byGroup = extras.validRespondents.get(unit.id) ?? new Map<string, number>();
    const validAnswers = p.criteria.reduce((s, c) => s + c.validAnswers, 0);
    const flags = unitFlags({
      validRespondents: byGroup,
      minRespondents: model.minRespondents.get(unit.id) ?? new Map(),
      validAnswers,
      dontKnowAnswers: p.dontKnowAnswers,
      straightLinedResponses: extras.straightLined.get(unit.id) ?? 0,
      missingCriteria: p.missingCriteria,
      withheldCriteria: p.missingCriteria.filter((c) => extras.withheld?.has(pairKey(unit.id, c))),
      names,
    });
    const rank = ranks.get(unit.id);
    return {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      type: unit.type,
      respondents: [...byGroup.values()].reduce((s, n) => s + n, 0),
      points: p.points,
      maxPoints: p.maxPoints,
      percent: p.percent,
      ci95,
      rank: rank?.rank ?? null,
      provisional: flags.some((f) => f.code === 'quota.below_minimum'),
      indistinguishableFrom: rank?.indistinguishableFrom ?? [],
      flags,
      criteria: p.criteria,
      excluded: extras.excluded?.get(unit.id) ?? 0,
    };
  });
}
