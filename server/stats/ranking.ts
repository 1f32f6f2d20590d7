export interface RankInput {
  unitId: string;
  type: string;
  percent: number | null;
  ci95: readonly [number, number] | null;
}

export interface RankResult {
  rank: number | null;
  indistinguishableFrom: string[];
}

/** Percentages equal to 9 decimals are a tie: float noise must not split equal scores. */
const TIE_DECIMALS = 1e9;
const tieKey = (p: number) => Math.round(p * TIE_DECIMALS);

/**
 * docs/SCORING.md rule 7 (ranking): units of one type ranked by P(u), highest first; equal P(u)
 * share a rank and the next rank skips (1, 2, 2, 4). A unit whose 95% interval overlaps its
 * neighbour's (the unit just above or just below it in the order) is not distinguishable from
 * it. Units without a percentage are not ranked (rank null).
 */
export function rankUnits(units: readonly RankInput[]): Map<string, RankResult> {
  const out = new Map<string, RankResult>();
  for (const u of units) out.set(u.unitId, { rank: null, indistinguishableFrom: [] });
  const types = [...new Set(units.map((u) => u.type))];
  for (const type of types) {
    const ranked = units
      .filter((u): u is RankInput & { percent: number } => u.type === type && u.percent !== null)
      .sort((a, b) => tieKey(b.percent) - tieKey(a.percent) || (a.unitId < b.unitId ? -1 : 1));
    ranked.forEach((u, i) => {
      const previous = ranked[i - 1];
      const rank = previous && tieKey(previous.percent) === tieKey(u.percent) ? (out.get(previous.unitId)?.rank ?? i + 1) : i + 1;
      const result = out.get(u.unitId);
      if (result) result.rank = rank;
      if (previous && overlaps(previous.ci95, u.ci95)) {
        result?.indistinguishableFrom.push(previous.unitId);
        out.get(previous.unitId)?.indistinguishableFrom.push(u.unitId);
      }
    });
  }
  return out;
}

function overlaps(a: RankInput['ci95'], b: RankInput['ci95']): boolean {
  return a !== null && b !== null && a[0] <= b[1] && b[0] <= a[1];
}
