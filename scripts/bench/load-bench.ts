import { cpus, loadavg } from 'node:os';
import { createDatabase } from '../../db/client';
import { SYNC_CONCURRENCY_DEFAULT } from '../../server/config';
import { scratchPostgres } from '../../server/test/harness';
import { type AppNodes, startAppNodes } from '../../server/test/scale/app-nodes';
import { createLoadCampaign, CROSS_QUESTIONS, OWN_QUESTIONS, UNITS } from '../../server/test/scale/load-campaign';
import { runLoad } from '../../server/test/scale/load-devices';
import { verifyLoad } from '../../server/test/scale/verify-load';
import { percentile } from './stats';

/**
 * The load benchmark (`npm run bench:load`; docs/SCALING.md "Measured capacity"): 500 devices
 * (LOAD_DEVICES) sync at once for 60 s (LOAD_SECONDS) through the real HTTP stack on 127.0.0.1 into a fresh PostgreSQL
 * database (created here, dropped at the end), with one server process, or (`load2`) two behind
 * a round-robin proxy. Then every acknowledged response must be stored once. Memory of each
 * node is read from its metrics port every 5 s. Bounded: devices stop starting at 60 s, give up
 * at 180 s, and the whole run is killed at 8 minutes.
 */
const SLOTS = Number(process.env.LOAD_DEVICES ?? 500);
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 60) * 1000;
const COLLECTOR_SHARE = 0.2;
const MATRIX_SHARE = 0.3;
const CODES = 30_000;
const SAMPLE_MS = 5000;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function runLoadBench(nodeCount: 1 | 2): Promise<{ title: string; markdown: string }> {
  const scratch = await scratchPostgres(ADMIN_URL, 'par_bench_load');
  const url = new URL(scratch.url);
  const name = url.pathname.slice(1);
  const database = createDatabase({ kind: 'postgres', url: url.toString(), max: 4 });
  let nodes: AppNodes | null = null;
  const hardStop = setTimeout(() => {
    console.error('load bench: 8 minutes passed, stopping');
    // process.exit skips the `finally` below: end every child (the proxy process too) and drop
    // the database here, or they outlive the run. The drop is given 30 s, so a database that
    // does not answer cannot keep a run alive that is meant to end.
    nodes?.kill();
    const dropped = scratch.drop().catch((err: unknown) => console.error(`load bench: could not drop ${name}:`, err));
    void Promise.race([dropped, new Promise((r) => setTimeout(r, 30_000))]).then(() => process.exit(1));
  }, 8 * 60_000);
  hardStop.unref();
  try {
    await database.migrate();
    const collectorSlots = Math.round(SLOTS * COLLECTOR_SHARE);
    console.log(`load: creating the campaign, ${collectorSlots} collectors and ${fmt(CODES)} invitation codes`);
    const campaign = await createLoadCampaign(database.db, { suffix: name, collectors: collectorSlots, codes: CODES });
    nodes = await startAppNodes(nodeCount, { DATABASE_URL: url.toString(), ADMIN_USERNAME: 'bench-admin', ADMIN_PASSWORD: 'bench-password-123' }, nodeCount > 1 ? 'process' : 'none');
    const base = nodes.base;
    const tokens: string[] = [];
    for (const c of campaign.collectors) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: c.username, password: c.password }) });
      if (!res.ok) throw new Error(`login of ${c.username}: ${res.status}`);
      tokens.push(((await res.json()) as { token: string }).token);
    }

    // Memory and acknowledgements over time, sampled every 5 s from the start of the load.
    const samples: { t: number; acked: number; memory: { rssMiB: number; heapMiB: number; inFlight: number }[] }[] = [];
    let acked = 0;
    const t0 = Date.now();
    const sample = async () => samples.push({ t: (Date.now() - t0) / 1000, acked, memory: await (nodes as AppNodes).memory() });
    await sample();
    const sampler = setInterval(() => void sample().catch(() => undefined), SAMPLE_MS);
    console.log(`load: ${SLOTS} devices for ${DURATION_MS / 1000} s against ${nodeCount} node(s)`);
    const report = await runLoad({
      baseUrl: base,
      campaign,
      collectorTokens: tokens,
      slots: SLOTS,
      collectorShare: COLLECTOR_SHARE,
      matrixShare: MATRIX_SHARE,
      durationMs: DURATION_MS,
      deadline: Date.now() + DURATION_MS + 120_000,
      seed: 20261202,
      onAck: (n) => (acked += n),
    });
    clearInterval(sampler);
    // After the load: idle for one more interval, to see whether memory falls back.
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    await sample();
    const check = await verifyLoad(database.db, campaign, report);
    const cells = [...report.sent].filter(([id]) => report.acked.has(id)).reduce((s, [, q]) => s + (q === campaign.own.id ? OWN_QUESTIONS : CROSS_QUESTIONS * UNITS), 0);
    await nodes.stop();
    nodes = null;

    const ok = check.lost === 0 && check.doubled === 0 && check.unacknowledged === 0 && report.setAside.length === 0 && report.abandoned === 0 && check.answerRows.found === check.answerRows.expected;
    const rate = report.acked.size / report.seconds;
    const all = [...report.latencies.collector, ...report.latencies.respondent].sort((a, b) => a - b);
    const lat = (xs: number[]) => `${fmt(percentile(xs, 50))} / ${fmt(percentile(xs, 99))} ms`;
    // Levels off: the highest resident memory of the second half of the load within 10% of the first half's.
    const during = samples.slice(0, -1);
    const half = Math.floor(during.length / 2);
    const peak = (xs: typeof samples) => Math.max(...xs.flatMap((s) => s.memory.map((m) => m.rssMiB)));
    const firstHalf = peak(during.slice(1, half + 1));
    const secondHalf = peak(during.slice(half + 1));
    const levels = secondHalf <= firstHalf * 1.1;
    const nodeCols = Array.from({ length: nodeCount }, (_, i) => (nodeCount > 1 ? `node ${i + 1}: RSS / heap (MiB), requests in flight` : 'RSS / heap (MiB), requests in flight'));
    const series = [
      `| t (s) | responses acknowledged | ${nodeCols.join(' | ')} |`,
      `|---|---|${nodeCols.map(() => '---').join('|')}|`,
      ...samples.map((s) => `| ${fmt(s.t)} | ${fmt(s.acked)} | ${s.memory.map((m) => `${fmt(m.rssMiB)} / ${fmt(m.heapMiB)}, ${fmt(m.inFlight)}`).join(' | ')} |`),
    ];
    const markdown = [
      `| Measure | ${nodeCount === 1 ? 'One server process' : 'Two server processes behind a round-robin proxy'} |`,
      `|---|---|`,
      `| Devices (at once) / started in ${DURATION_MS / 1000} s | ${SLOTS} / ${fmt(report.devices.collectors)} collectors + ${fmt(report.devices.respondents)} respondents |`,
      `| Responses acknowledged / stored / **lost / doubled** | ${fmt(check.acknowledged)} / ${fmt(check.stored)} / **${check.lost} / ${check.doubled}**${ok ? '' : ' **FAIL**'} |`,
      `| Answer rows expected / found | ${fmt(check.answerRows.expected)} / ${fmt(check.answerRows.found)} |`,
      `| Throughput (responses/s; answer cells/s) | ${fmt(rate)}; ${fmt(cells / report.seconds)} |`,
      `| Wall time until the last device was done | ${fmt(report.seconds, 1)} s |`,
      `| Sync requests / retried after a failure (of them refused 503 with Retry-After: node busy, SYNC_CONCURRENCY ${SYNC_CONCURRENCY_DEFAULT}) | ${fmt(report.requests)} / ${fmt(report.failures)} (${fmt(report.refused)}) |`,
      `| Latency per acknowledged request p50 / p99: all | ${lat(all)} |`,
      `| … collector batch (20–200 responses) | ${lat(report.latencies.collector)} |`,
      `| … respondent (one response, invitation code) | ${lat(report.latencies.respondent)} |`,
      `| Server memory: peak RSS first half / second half of the load | ${fmt(firstHalf)} / ${fmt(secondHalf)} MiB: ${levels ? 'levels off' : '**still climbing**'} |`,
      '',
      'Memory and progress every 5 s (the last row: 5 s after the last device finished):',
      '',
      ...series,
      '',
      `Method: scripts/bench/load-bench.ts. A fresh PostgreSQL database (dropped afterwards) with one open campaign of ${UNITS} agencies, an own-unit form of ${OWN_QUESTIONS} questions and a ${UNITS}-unit matrix form of ${CROSS_QUESTIONS} questions per agency (${CROSS_QUESTIONS * UNITS} answer cells). ${SLOTS} device slots run at once for ${DURATION_MS / 1000} s: ${Math.round(COLLECTOR_SHARE * 100)}% collectors (each with a backlog of 20–200 responses, ${Math.round(MATRIX_SHARE * 100)}% of them matrix forms, sent in the app's batches of up to 200: pwa/lib/sync.ts) and ${Math.round((1 - COLLECTOR_SHARE) * 100)}% respondents (one response under an invitation code, ${Math.round(MATRIX_SHARE * 100)}% matrix); when a device is done the next one takes its slot, until the time is up, and devices started by then finish. Devices behave as the app does (docs/SYNC.md): retry whole-request failures with backoff, delete only what was answered accepted or duplicate. ${nodeCount === 1 ? 'One server process' : 'Two server processes behind a round-robin proxy in its own process (server/test/scale/round-robin-proxy.ts)'} (\`node --import tsx server/server.ts\`, LOG_LEVEL=warn, pool of 10 connections each) on 127.0.0.1; the devices, the server${nodeCount > 1 ? 's, the proxy' : ''} and PostgreSQL share the machine's ${cpus().length} cores. Afterwards every acknowledged id must be in \`responses\` or, for invitation responses not yet mixed, in \`held_ballots\` (docs/PRIVACY.md), and \`answers\` must hold exactly the rows the stored responses' forms make. Memory is read from each node's metrics (\`process_resident_memory_bytes\`, \`nodejs_heap_used_bytes\`, METRICS_PORT). Load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')}.`,
    ].join('\n');
    console.log(markdown);
    if (!ok) throw new Error(`load: lost ${check.lost}, doubled ${check.doubled}, unacknowledged ${check.unacknowledged}, set aside ${report.setAside.length}, abandoned ${report.abandoned}; ${JSON.stringify(check)}`);
    return { title: nodeCount === 1 ? `Load: ${SLOTS} devices syncing at once, one server` : `Load: ${SLOTS} devices, two server processes behind a round-robin proxy`, markdown };
  } finally {
    clearTimeout(hardStop);
    await nodes?.stop();
    await database.close();
    await scratch.drop();
  }
}
