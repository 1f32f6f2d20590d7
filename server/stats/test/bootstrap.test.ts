import { describe, expect, it } from 'vitest';
import { IndexTree } from '../../../survey-forms/src';
import { bootstrapIntervals } from '../respondent-scores';
import { percentileInterval } from '../bootstrap';
import { facts, form, respondent, unitId } from './build';

const index = IndexTree.parse({ surveyShare: 2, fields: [{ code: 'F2', name: 'Thủ tục hành chính', criteria: [{ code: '2.1', name: 'Công khai', maxPoints: 2 }] }] });
const leaders = form('ldp', 'lanh_dao_phong', { q1: '2.1', q2: '2.1' });
const servants = form('cc', 'cong_chuc', { q1: '2.1', q2: '2.1' });
const inputs = facts({ index, versions: [leaders, servants] });
const CHOICES = ['A', 'B', 'C', 'D'];

/** 40 respondents about unit 1 with varied answers, deterministic. */
const rows = Array.from({ length: 40 }, (_, i) =>
  respondent(inputs, `r${String(i).padStart(3, '0')}`, i % 2 ? leaders : servants, [
    [1, 'q1', CHOICES[(i * 7) % 4] ?? 'A'],
    [1, 'q2', CHOICES[(i * 3 + 1) % 4] ?? 'A'],
  ]),
);

describe('rule 5: bootstrap intervals', () => {
  it('is reproducible: same data and seed, same interval; another seed, another interval', async () => {
    const a = await bootstrapIntervals(inputs, rows);
    const b = await bootstrapIntervals(inputs, [...rows].reverse());
    const c = await bootstrapIntervals(inputs, rows, { seed: 7 });
    expect(a.get(unitId(1))).toEqual(b.get(unitId(1)));
    expect(a.get(unitId(1))).not.toEqual(c.get(unitId(1)));
  });

  it('gives identical figures on one thread and on worker threads', async () => {
    const one = await bootstrapIntervals(inputs, rows, { threads: 1 });
    const three = await bootstrapIntervals(inputs, rows, { threads: 3 });
    expect([...three]).toEqual([...one]);
  });

  it('brackets the point estimate and is null for units nobody rated', async () => {
    // Point estimate computed by hand from the generator: q1 cycles A,D,C,B (mean 0.45), q2 cycles B,A,D,C (0.45) in both groups.
    const ci = (await bootstrapIntervals(inputs, rows)).get(unitId(1));
    expect(ci).not.toBeNull();
    const [lo, hi] = ci ?? [0, 0];
    expect(lo).toBeLessThan(45);
    expect(hi).toBeGreaterThan(45);
    expect(hi - lo).toBeLessThan(30);
    expect((await bootstrapIntervals(inputs, rows)).get(unitId(2))).toBeNull();
  });

  it('resamples within each group: a group is never lost from a resample', async () => {
    // Leaders all A (mean 1), servants all D (mean 0), equal weights: every resample keeps both groups → P = 50 exactly.
    const two = [0, 1].flatMap((i) => [
      respondent(inputs, `l${i}`, leaders, [[1, 'q1', 'A']]),
      respondent(inputs, `s${i}`, servants, [[1, 'q1', 'D']]),
    ]);
    expect((await bootstrapIntervals(inputs, two)).get(unitId(1))).toEqual([50, 50]);
  });

  it('takes the 2.5% and 97.5% quantiles, linearly interpolated (R type 7)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 389) % 1000) + 1); // 1…1000 shuffled
    // h = (n − 1)·p = 24.975 → 25 + 0.975 × (26 − 25); h = 974.025 → 975 + 0.025 × (976 − 975).
    const ci = percentileInterval(Float64Array.from([...values, Number.NaN]));
    expect(ci?.[0]).toBeCloseTo(25.975, 9);
    expect(ci?.[1]).toBeCloseTo(975.025, 9);
    expect(percentileInterval(Float64Array.from([Number.NaN]))).toBeNull();
  });
});
