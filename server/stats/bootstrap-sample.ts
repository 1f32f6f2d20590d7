import type { CampaignSample } from './bootstrap';
import { type GroupWeights, groupWeight } from './criterion-score';
import type { OptionSlot, RespondentAnswers } from './respondents';

/**
 * Packs compact per-respondent answers into the campaign sample the bootstrap resamples
 * (docs/SCORING.md rule 5). Only valid answers are kept: "don't know" never moves a score (rule 1),
 * and a respondent with no valid answer is no respondent of any P(u).
 *
 * Strata: respondents are resampled within their group, and within a group apart by what they
 * rated: an own-unit respondent of unit u is resampled among the same group's respondents of u
 * (the quota fixes that sample per unit), a cross-evaluation respondent among the group's other
 * cross-evaluation respondents. Respondents are ordered by response id, so the same data in
 * any order give the same sample and so the same intervals.
 */
export function buildCampaignSample(
  rows: readonly RespondentAnswers[],
  slots: readonly OptionSlot[],
  unitCount: number,
  criterionIndex: ReadonlyMap<string, number>,
  weights: GroupWeights,
): CampaignSample {
  const cellIndex = new Map<string, number>();
  const cellUnit: number[] = [];
  const cellCriterion: number[] = [];
  const cellGroupWeight: number[] = [];
  // (unit, slot, group) → local slot, in a flat typed array: a Map with string keys costs
  // more than the whole resampling for a national campaign's 1.5 million answers.
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const localOf = new Int32Array(unitCount * slots.length * groups.length).fill(-1);
  const slotCell: number[] = [];
  const slotWeight: number[] = [];
  const strata = new Map<string, { id: string; run: Int32Array }[]>();

  // Sorted first: cells and slots are numbered in first-seen order, and that order decides the
  // order floats are summed in, so it must not depend on the order rows arrived in.
  const ordered = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const row of ordered) {
    const g = groupIndex.get(row.group) ?? 0;
    const run: number[] = [];
    const rated = new Set<number>();
    for (let j = 0; j < row.slots.length; j++) {
      const slotId = row.slots[j] ?? -1;
      const slot = slots[slotId];
      const unit = row.units[j] ?? -1;
      if (!slot || slot.weight === null || unit < 0 || unit >= unitCount) continue;
      const criterion = criterionIndex.get(slot.criterion);
      if (criterion === undefined) continue;
      rated.add(unit);
      const key = (unit * slots.length + slotId) * groups.length + g;
      let local = localOf[key] ?? -1;
      if (local < 0) {
        const cellKey = `${unit}\u0000${slot.criterion}\u0000${slot.questionId}\u0000${row.group}`;
        let cell = cellIndex.get(cellKey);
        if (cell === undefined) {
          cell = cellUnit.length;
          cellIndex.set(cellKey, cell);
          cellUnit.push(unit);
          cellCriterion.push(criterion);
          cellGroupWeight.push(groupWeight(weights, row.group));
        }
        local = slotCell.length;
        localOf[key] = local;
        slotCell.push(cell);
        slotWeight.push(slot.weight);
      }
      run.push(local);
    }
    if (run.length === 0) continue;
    const stratumKey = `${row.group}|${rated.size === 1 ? String([...rated][0]) : '*'}`;
    let stratum = strata.get(stratumKey);
    if (!stratum) strata.set(stratumKey, (stratum = []));
    stratum.push({ id: row.id, run: Int32Array.from(run) });
  }

  const keys = [...strata.keys()].sort();
  const respondents = keys.flatMap((k) => strata.get(k) ?? []);
  const strataOffsets = new Int32Array(keys.length + 1);
  keys.forEach((k, i) => (strataOffsets[i + 1] = (strataOffsets[i] ?? 0) + (strata.get(k)?.length ?? 0)));
  const tuples = tupleRuns(respondents.map((r) => r.run), slotCell.length);
  const respondentStart = new Int32Array(respondents.length + 1);
  tuples.runs.forEach((run, i) => (respondentStart[i + 1] = (respondentStart[i] ?? 0) + run.length));
  const entryCount = respondentStart[respondents.length] ?? 0;
  const entries = tuples.start.length - 1 <= 0xffff ? new Uint16Array(entryCount) : new Int32Array(entryCount);
  tuples.runs.forEach((run, i) => entries.set(run, respondentStart[i] ?? 0));
  return {
    unitCount,
    criterionCount: criterionIndex.size,
    cellUnit: Int32Array.from(cellUnit),
    cellCriterion: Int32Array.from(cellCriterion),
    cellGroupWeight: Float64Array.from(cellGroupWeight),
    slotCell: Int32Array.from(slotCell),
    slotWeight: Float64Array.from(slotWeight),
    strata: strataOffsets,
    respondentStart,
    entries,
    tupleStart: Int32Array.from(tuples.start),
    tupleSlots: Int32Array.from(tuples.slots),
  };
}

/**
 * Rewrites each respondent's run of slots as a run of tuples of up to 3 consecutive slots
 * (usually three questions about one unit). Answers repeat the same few combinations, so the
 * distinct tuples are few, and the resampling loop adds a respondent's multiplicity once per
 * tuple instead of once per answer: a third of the work, with exactly the same integer counts.
 */
function tupleRuns(runs: readonly Int32Array[], slotCount: number): { runs: number[][]; start: number[]; slots: number[] } {
  const size = (slotCount + 1) ** 3 < 2 ** 52 ? 3 : 1; // keys must stay exact integers
  const index = new Map<number, number>();
  const start = [0];
  const slots: number[] = [];
  const out = runs.map((run) => {
    const tuplesOfRun: number[] = [];
    for (let j = 0; j < run.length; j += size) {
      let key = 0;
      for (let k = 0; k < size; k++) key = key * (slotCount + 1) + (run[j + k] ?? slotCount);
      let t = index.get(key);
      if (t === undefined) {
        t = start.length - 1;
        index.set(key, t);
        for (let k = 0; k < size && j + k < run.length; k++) slots.push(run[j + k] ?? 0);
        start.push(slots.length);
      }
      tuplesOfRun.push(t);
    }
    return tuplesOfRun;
  });
  return { runs: out, start, slots };
}
