import { quantileSorted } from 'simple-statistics';

/**
 * docs/SCORING.md rule 5 (uncertainty): a 95% interval for P(u) by bootstrap over respondents,
 * resampling with replacement within each group (stratum), with a fixed seed and at least
 * 1,000 resamples.
 *
 * Works on a campaign's compact sample (bootstrap-sample.ts): each respondent is a run of
 * tuples of "slots", a slot being one (unit, cell, option weight) triple. A resample draws
 * multiplicities per stratum, adds them into per-tuple then per-slot counters, then folds them into
 * cell means (rule 2), criterion scores (rule 3) and P(u) (rule 4) exactly as the point
 * estimate does. Typed arrays only: 1.5 million answer cells × 1,000 resamples must take seconds.
 */
export interface CampaignSample {
  unitCount: number;
  criterionCount: number;
  /** Cell → its unit, its criterion index and the w_g of its group. */
  cellUnit: Int32Array;
  cellCriterion: Int32Array;
  cellGroupWeight: Float64Array;
  /** Slot → its cell and its option weight a. */
  slotCell: Int32Array;
  slotWeight: Float64Array;
  /** Stratum s holds respondents strata[s] … strata[s+1]-1. */
  strata: Int32Array;
  /** Respondent i holds entries respondentStart[i] … respondentStart[i+1]-1 (tuple indices). */
  respondentStart: Int32Array;
  /** 16-bit when the tuples fit: half the memory traffic in the hot loop. */
  entries: Int32Array | Uint16Array;
  /** Tuple t stands for slots tupleSlots[tupleStart[t]] … tupleSlots[tupleStart[t+1]-1]. */
  tupleStart: Int32Array;
  tupleSlots: Int32Array;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20251;

/**
 * P(u) of resamples first … first+count-1, as out[(b - first) × unitCount + u]; NaN where a
 * resample scores nothing for a unit. Resample b draws from its own stream seeded by (seed, b),
 * so any split of the resamples across threads gives identical figures.
 *
 * Self-contained on purpose (no imports, no closures): its source is also run in worker threads.
 */
export function resampleBlock(s: CampaignSample, criterionMax: Float64Array, rescale: boolean, seed: number, first: number, count: number): Float64Array {
  const U = s.unitCount;
  const C = s.criterionCount;
  const respondents = s.respondentStart.length - 1;
  const multiplicity = new Int32Array(respondents);
  const tupleCount = new Int32Array(s.tupleStart.length - 1);
  const slotCount = new Int32Array(s.slotCell.length);
  const cellN = new Float64Array(s.cellUnit.length);
  const cellSum = new Float64Array(s.cellUnit.length);
  const num = new Float64Array(U * C);
  const den = new Float64Array(U * C);
  const out = new Float64Array(count * U);
  let fullMax = 0;
  for (let c = 0; c < C; c++) fullMax += criterionMax[c] as number;
  const strata = s.strata;
  const starts = s.respondentStart;
  const entries = s.entries;
  for (let b = first; b < first + count; b++) {
    // mulberry32 (public domain), seeded per resample from (seed, b) with a splitmix-style mix.
    let state = Math.imul((seed ^ Math.imul(b + 1, 0x9e3779b9)) >>> 0, 0x85ebca6b) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
    multiplicity.fill(0);
    for (let st = 0; st + 1 < strata.length; st++) {
      const start = strata[st] as number;
      const n = (strata[st + 1] as number) - start;
      for (let k = 0; k < n; k++) {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        const pick = start + Math.floor(r * n);
        multiplicity[pick] = (multiplicity[pick] as number) + 1;
      }
    }
    tupleCount.fill(0);
    for (let i = 0; i < respondents; i++) {
      const m = multiplicity[i] as number;
      if (m === 0) continue; // about 37% of respondents are not drawn: skip their answers
      const end = starts[i + 1] as number;
      for (let e = starts[i] as number; e < end; e++) {
        const t = entries[e] as number;
        tupleCount[t] = (tupleCount[t] as number) + m;
      }
    }
    slotCount.fill(0);
    for (let t = 0; t < tupleCount.length; t++) {
      const c = tupleCount[t] as number;
      if (c === 0) continue;
      const last = s.tupleStart[t + 1] as number;
      for (let j = s.tupleStart[t] as number; j < last; j++) {
        const slot = s.tupleSlots[j] as number;
        slotCount[slot] = (slotCount[slot] as number) + c;
      }
    }
    cellN.fill(0);
    cellSum.fill(0);
    for (let sl = 0; sl < slotCount.length; sl++) {
      const c = slotCount[sl] as number;
      if (c === 0) continue;
      const cell = s.slotCell[sl] as number;
      cellN[cell] = (cellN[cell] as number) + c;
      cellSum[cell] = (cellSum[cell] as number) + c * (s.slotWeight[sl] as number);
    }
    num.fill(0);
    den.fill(0);
    for (let cell = 0; cell < cellN.length; cell++) {
      const n = cellN[cell] as number;
      if (n === 0) continue;
      const w = s.cellGroupWeight[cell] as number;
      const k = (s.cellUnit[cell] as number) * C + (s.cellCriterion[cell] as number);
      num[k] = (num[k] as number) + (w * (cellSum[cell] as number)) / n;
      den[k] = (den[k] as number) + w;
    }
    for (let u = 0; u < U; u++) {
      let points = 0;
      let reachable = 0;
      for (let c = 0; c < C; c++) {
        const d = den[u * C + c] as number;
        if (d === 0) continue;
        points += ((criterionMax[c] as number) * (num[u * C + c] as number)) / d;
        reachable += criterionMax[c] as number;
      }
      const denominator = rescale ? reachable : fullMax;
      out[(b - first) * U + u] = reachable > 0 && denominator > 0 ? (100 * points) / denominator : Number.NaN;
    }
  }
  return out;
}

/** The percentile interval (2.5%, 97.5%) of one unit's resampled P(u); null when no resample scored. */
export function percentileInterval(percents: ArrayLike<number>): [number, number] | null {
  const scored = Array.from(percents).filter((p) => !Number.isNaN(p));
  if (scored.length === 0) return null;
  scored.sort((a, b) => a - b);
  return [quantileSorted(scored, 0.025), quantileSorted(scored, 0.975)];
}

/** Splits resample-major output into one interval per unit. */
export function intervalsOf(percents: Float64Array, unitCount: number): ([number, number] | null)[] {
  const resamples = unitCount > 0 ? percents.length / unitCount : 0;
  const column = new Float64Array(resamples);
  const out: ([number, number] | null)[] = [];
  for (let u = 0; u < unitCount; u++) {
    for (let b = 0; b < resamples; b++) column[b] = percents[b * unitCount + u] as number;
    out.push(percentileInterval(column));
  }
  return out;
}
