import { availableParallelism, loadavg } from 'node:os';
import postgres from 'postgres';
import { createDatabase } from '../../db/client';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../../server/stats/bootstrap';
import { buildCampaignSample } from '../../server/stats/bootstrap-sample';
import { runBootstrap } from '../../server/stats/bootstrap-run';
import { loadScoringInputs } from '../../server/services/score-inputs';
import { respondentAnswers } from '../../server/services/score-queries';
import { computePointScoresOf, getScores } from '../../server/services/scores';
import { createCampaigns, generateAnswers } from './scores-data';

/**
 * Scores benchmark on real PostgreSQL, in a database it creates and drops:
 * 34 campaigns, ~170,000 responses, ~20 million answer cells. Measures all point scores
 * against the floor of one GROUP BY scan, the bootstrap of the largest campaign, a cached
 * read, and the peak memory of this process (worker threads included).
 */
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_scores';
const log = (s: string) => process.stderr.write(`[scores] ${s}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const verdict = (ok: boolean) => (ok ? 'pass' : '**fail**');

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

export async function run(): Promise<{ title: string; markdown: string }> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${DB_NAME}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const database = createDatabase({ kind: 'postgres', url: url.toString(), max: 4 });
  const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const sampler = setInterval(sampleRss, 20);
  try {
    await database.migrate();
    const generation = await timed(async () => {
      const ids = await createCampaigns(database.db, log);
      await generateAnswers(raw, ids, log);
      return ids;
    });
    const ids = generation.value;
    const [counts] = await raw<{ responses: string; answers: string }[]>`
      SELECT (SELECT count(*) FROM responses)::text AS responses, (SELECT count(*) FROM answers)::text AS answers`;
    log(`generated ${counts?.responses} responses, ${counts?.answers} answers in ${seconds(generation.ms)}`);

    // Floor and point scores alternately, twice each; the better run of each counts (the machine is shared).
    const loadBefore = loadavg()[0] ?? 0;
    const floorRuns: number[] = [];
    const pointRuns: number[] = [];
    for (let round = 0; round < 2; round++) {
      const floor = await timed(
        () => raw`SELECT campaign_id, unit_id, question_id, group_code, count(*) AS n, count(choice) AS answered FROM answers GROUP BY 1, 2, 3, 4`,
      );
      floorRuns.push(floor.ms);
      log(`floor GROUP BY: ${seconds(floor.ms)} (${floor.value.length} cells)`);
      const points = await timed(() => computePointScoresOf(database.db, ids));
      pointRuns.push(points.ms);
      log(`point scores of ${ids.length} campaigns: ${seconds(points.ms)}`);
      sampleRss();
    }
    const floorMs = Math.min(...floorRuns);
    const pointMs = Math.min(...pointRuns);

    // The largest campaign: compact per-respondent load, sample packing, resampling, the whole computation.
    const largest = ids[0] ?? '';
    const inputs = await loadScoringInputs(database.db, largest);
    const unitIds = inputs.model.units.map((u) => u.id);
    const load = await timed(() => respondentAnswers(database.db, inputs));
    const cells = load.value.reduce((s, r) => s + r.slots.length, 0);
    const pack = await timed(async () => buildCampaignSample(load.value, inputs.slots, unitIds.length, inputs.criterionIndex, inputs.model.groupWeights));
    const resample = await timed(() =>
      runBootstrap({ sample: pack.value, criterionMax: Float64Array.from(inputs.model.criteria.map((c) => c.maxPoints)), rescale: true, seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES }),
    );
    log(`largest: ${load.value.length} responses, ${cells} scored cells; load ${seconds(load.ms)}, pack ${seconds(pack.ms)}, ${DEFAULT_RESAMPLES} resamples ${seconds(resample.ms)}`);
    sampleRss();
    const full = await timed(() => getScores(database.db, largest)); // computes and caches
    const cachedRuns: number[] = [];
    for (let i = 0; i < 20; i++) cachedRuns.push((await timed(() => getScores(database.db, largest))).ms);
    cachedRuns.sort((a, b) => a - b);
    const cachedMedian = cachedRuns[10] ?? 0;
    const cachedMax = cachedRuns[cachedRuns.length - 1] ?? 0;
    log(`full scores ${seconds(full.ms)}; cached read median ${cachedMedian.toFixed(1)} ms, max ${cachedMax.toFixed(1)} ms`);
    sampleRss();
    const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    const loadAfter = loadavg()[0] ?? 0;

    const bootstrapMs = pack.ms + resample.ms;
    const rows = [
      '| Measure | Figure | Target | Result |',
      '|---|---|---|---|',
      `| Data | ${ids.length} campaigns, ${Number(counts?.responses).toLocaleString('en')} responses, ${Number(counts?.answers).toLocaleString('en')} answer cells (generated in ${seconds(generation.ms)}) | ~170,000 responses, ~20 M cells | |`,
      `| Floor: one \`GROUP BY campaign, unit, question, group\` over all answers | ${seconds(floorMs)} | | |`,
      `| All point scores of all campaigns (rules 1–4: one GROUP BY scan counting each choice per campaign, group, unit and question, then the rules per campaign) | ${seconds(pointMs)} = ${(pointMs / floorMs).toFixed(2)} × floor | ≤ 2 × floor | ${verdict(pointMs <= 2 * floorMs)} |`,
      `| Largest campaign: load compact per-respondent answers (SQL, one bytea per response) | ${seconds(load.ms)} for ${load.value.length.toLocaleString('en')} responses, ${cells.toLocaleString('en')} scored cells | | |`,
      `| Largest campaign: bootstrap, ${DEFAULT_RESAMPLES} resamples (pack ${seconds(pack.ms)} + resample ${seconds(resample.ms)}) | ${seconds(bootstrapMs)} | < 2 s | ${verdict(bootstrapMs < 2000)} |`,
      `| Largest campaign: full scores from scratch (load, rules, flags, bootstrap, cache write) | ${seconds(full.ms)} | | |`,
      `| Cached read of the largest campaign's scores (getScores, 20 reads) | median ${cachedMedian.toFixed(1)} ms, max ${cachedMax.toFixed(1)} ms | < 50 ms | ${verdict(cachedMedian < 50)} |`,
      `| Peak memory (RSS of this process, worker threads included) | ${mib(maxRss)} | < 1 GB | ${verdict(maxRss < 2 ** 30)} |`,
    ];
    const method =
      'Method: scripts/bench/scores.ts creates the database `bench_scores`, publishes four 20-question forms and 34 campaigns (20 agencies, 100 communes each) through the services, ' +
      'and generates responses and answers inside PostgreSQL with `INSERT … SELECT` over `generate_series` (choices are a deterministic function of row numbers). ' +
      'The floor and the point scores run alternately twice and the faster run of each is reported; point scores call `computePointScoresOf` for all campaigns ' +
      '(loads each campaign, counts answers per campaign, group, unit, question and choice in one GROUP BY scan, applies rules 1–4: the code the API uses). ' +
      'The bootstrap runs on the largest campaign with the service code and one worker thread per core. ' +
      'Peak memory is the highest RSS sampled every 20 ms and the process maxRSS. The database is dropped at the end. ' +
      `The machine is shared with other work: 1-minute load average ${loadBefore.toFixed(1)} before the measurements and ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores.`;
    return { title: 'Scores', markdown: `${rows.join('\n')}\n\n${method}` };
  } finally {
    clearInterval(sampler);
    await raw.end();
    await database.close();
    // BENCH_SCORES_KEEP=1 keeps the database for EXPLAIN; by default nothing is left behind.
    if (process.env.BENCH_SCORES_KEEP !== '1') await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}
