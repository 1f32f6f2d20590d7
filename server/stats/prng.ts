/**
 * A seeded PRNG so the bootstrap (docs/SCORING.md rule 5) gives the same interval for the same
 * data every time. mulberry32 (Tommy Ettinger, public domain): 32-bit state, fast, and good
 * enough for resampling; not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
