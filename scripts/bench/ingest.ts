import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createDatabase } from '../../db/client';
import type { Response, SyncResult } from '../../survey-forms/src';
import { type CampaignContext, loadCampaignContext } from '../../server/services/campaign-context';
import { checkItem, parseItem } from '../../server/services/sync-check';
import { freePort } from '../../server/test/scratch-cluster';
import { benchResponses, createBenchCampaign, QUESTIONS } from './ingest-data';
import { percentile } from './stats';

/**
 * Ingest benchmark: POST /api/sync on real PostgreSQL with batches of 50
 * responses × 40 answers from 16 concurrent clients, against the floor of the same rows
 * inserted straight into the same tables by postgres.js multi-row INSERTs.
 */
const CLIENTS = 16;
const BATCH = 50;
const BATCHES_PER_CLIENT = 20;
const WARMUP_BATCHES = 8;
const ROUNDS = 2;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  // node --import tsx (not npx tsx) so the pid is the server's own and its RSS can be read.
  // INGEST_CPU_PROF=<dir> writes a V8 CPU profile of the server, to see where its time goes.
  const profile = process.env.INGEST_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.INGEST_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', ADMIN_USERNAME: 'bench', ADMIN_PASSWORD: 'bench-password-123', LOG_LEVEL: 'warn', PWA_DIST: '/nonexistent-pwa', PAR_DEMO: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become healthy within 60 s');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Runs `clients` loops over their batches; returns per-request latencies (ms) and wall time (s). */
async function drive(batches: Response[][][], send: (batch: Response[]) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    batches.map(async (mine) => {
      for (const batch of mine) {
        const t = performance.now();
        await send(batch);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - t0) / 1000 };
}

const split = (all: Response[]): Response[][][] =>
  Array.from({ length: CLIENTS }, (_, c) => Array.from({ length: BATCHES_PER_CLIENT }, (_, b) => all.slice((c * BATCHES_PER_CLIENT + b) * BATCH, (c * BATCHES_PER_CLIENT + b + 1) * BATCH)));

/** One response's rows for the floor, keyed by column name, ready for postgres.js. */
interface FloorRows {
  response: Record<string, string | number | null>;
  answers: Record<string, string | number | null>[];
  units: Record<string, string>[];
}

/** The floor's rows for one round, built by the server's own code outside the timing. */
function floorRows(ctx: CampaignContext, all: Response[]): Map<string, FloorRows> {
  const rows = new Map<string, FloorRows>();
  const cred = { kind: 'staff' as const, user: { id: '00000000-0000-4000-8000-000000000000', username: 'bench', role: 'admin' as const } };
  for (const [i, r] of all.entries()) {
    const parsed = parseItem(r, i);
    if ('status' in parsed) throw new Error(parsed.detail);
    const p = checkItem(parsed, ctx, cred, new Set());
    if ('status' in p) throw new Error(p.detail);
    const row = p.row;
    rows.set(r.id, {
      response: {
        id: row.id, campaign_id: row.campaignId, questionnaire_id: row.questionnaireId, questionnaire_version: row.questionnaireVersion,
        group_code: row.groupCode, unit_id: row.unitId ?? null, channel: row.channel, started_at: row.startedAt, completed_at: row.completedAt,
        content_hash: row.contentHash, content: row.content,
      },
      // The bench form is all single-choice, so `value` stays null as on the endpoint.
      answers: p.cells.map(([unitId, questionId, choice], seq) => ({ response_id: r.id, seq, campaign_id: r.campaignId, group_code: r.group, unit_id: unitId, question_id: questionId, choice })),
      units: p.unitRows.map((u) => ({ response_id: u.r, campaign_id: u.c, unit_id: u.u, group_code: u.g })),
    });
  }
  return rows;
}

async function floorInsert(sql: postgres.Sql, items: FloorRows[]): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`insert into responses ${tx(items.map((x) => x.response))}`;
    await tx`insert into answers ${tx(items.flatMap((x) => x.answers))}`;
    await tx`insert into response_units ${tx(items.flatMap((x) => x.units))}`;
  });
}

interface Round {
  latencies: number[];
  seconds: number;
}
const best = (rounds: Round[]): Round => rounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));

export async function run(): Promise<{ title: string; markdown: string }> {
  const name = `par_bench_ingest_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = createDatabase({ kind: 'postgres', url: url.toString(), max: 4 });
  const sql = postgres(url.toString(), { max: CLIENTS, onnotice: () => {} });
  let server: ChildProcess | null = null;
  try {
    await database.migrate();
    const total = CLIENTS * BATCHES_PER_CLIENT * BATCH;
    const viaApi = await createBenchCampaign(database.db, `api-${name}`);
    const viaSql = await createBenchCampaign(database.db, `sql-${name}`);
    const sqlContext = await loadCampaignContext(database.db, viaSql.campaignId);
    const port = await freePort();
    server = await startServer(url.toString(), port);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password-123' }),
    });
    const { token } = (await login.json()) as { token: string };
    const post = async (batch: Response[]) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ responses: batch }),
      });
      const body = (await res.json()) as { results: SyncResult[] };
      if (res.status !== 200 || body.results.some((r) => r.status !== 'accepted')) throw new Error(`sync failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    };
    const warm = benchResponses(viaApi, WARMUP_BATCHES * BATCH, 1);
    for (let i = 0; i < WARMUP_BATCHES; i++) await post(warm.slice(i * BATCH, (i + 1) * BATCH));

    // Alternate endpoint and floor rounds so a busy moment of the machine hits both alike.
    const apiRounds: Round[] = [];
    const floorRounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      apiRounds.push(await drive(split(benchResponses(viaApi, total, 10 + round)), post));
      const floorData = benchResponses(viaSql, total, 10 + round);
      const rows = floorRows(sqlContext, floorData);
      floorRounds.push(await drive(split(floorData), (batch) => floorInsert(sql, batch.map((r) => rows.get(r.id) as FloorRows))));
    }
    const memory = memoryOf(server.pid as number);
    await stopServer(server);
    server = null;

    const api = best(apiRounds);
    const floor = best(floorRounds);
    const apiRate = total / api.seconds;
    const floorRate = total / floor.seconds;
    const ratio = apiRate / floorRate;
    const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
    const all = (rounds: Round[]) => rounds.map((r) => fmt(total / r.seconds)).join(', ');
    const markdown = [
      `| Measure | POST /api/sync (HTTP, validation) | Floor (postgres.js multi-row INSERT) |`,
      `|---|---|---|`,
      `| Responses/s (best of ${ROUNDS}; all rounds) | ${fmt(apiRate)} (${all(apiRounds)}) | ${fmt(floorRate)} (${all(floorRounds)}) |`,
      `| Answer cells/s | ${fmt(apiRate * QUESTIONS)} | ${fmt(floorRate * QUESTIONS)} |`,
      `| Latency per batch of ${BATCH} p50 / p99 | ${fmt(percentile(api.latencies, 50), 1)} / ${fmt(percentile(api.latencies, 99), 1)} ms | ${fmt(percentile(floor.latencies, 50), 1)} / ${fmt(percentile(floor.latencies, 99), 1)} ms |`,
      `| Server RSS after the run / peak (VmHWM) | ${fmt(memory.rss)} / ${fmt(memory.hwm)} MiB | n/a |`,
      `| Wall time for ${fmt(total)} responses (best round) | ${fmt(api.seconds, 2)} s | ${fmt(floor.seconds, 2)} s |`,
      `| **Endpoint / floor** (target ≥ 50%) | **${fmt(ratio * 100, 1)}%: ${ratio >= 0.5 ? 'pass' : 'FAIL'}** | |`,
      '',
      `Method: a fresh PostgreSQL database; the server runs as its own process (\`node --import tsx server/server.ts\`, LOG_LEVEL=warn, default pool of 10 connections) and ${CLIENTS} concurrent clients on 127.0.0.1 each post ${BATCHES_PER_CLIENT} batches of ${BATCH} responses × ${QUESTIONS} answers (after ${WARMUP_BATCHES} warm-up batches); every item must come back \`accepted\`. The floor inserts the same kind of rows (responses, answers, response_units; built by the server's own code outside the timing) into a second campaign of the same database from ${CLIENTS} concurrent postgres.js connections, one transaction of three multi-row INSERTs per batch, while the server idles. Endpoint and floor rounds alternate (${ROUNDS} each) and the best of each is reported; the clients share the machine with the server. RSS is read from /proc/<pid>/status of the server process.`,
    ].join('\n');
    return { title: 'Ingest: POST /api/sync against raw INSERTs', markdown };
  } finally {
    if (server) await stopServer(server);
    await sql.end();
    await database.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
