import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

/**
 * `npm run bench [-- section …]`: runs the benchmark sections (each a module in this folder
 * exporting `run()`) and writes docs/BENCHMARKS.md with the machine and the figures.
 * Running a subset replaces only those sections in the file and keeps the others as they were.
 */
export interface BenchSection {
  title: string;
  markdown: string;
}

const SECTIONS = ['ingest', 'scores', 'pwa', 'embedded', 'matrix', 'load', 'load2'] as const;
type SectionName = (typeof SECTIONS)[number];

const OUT = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));
const BENCH_DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function machine(): Promise<string> {
  const cpu = cpus();
  let pg = 'not reachable';
  try {
    const sql = postgres(BENCH_DB, { max: 1, onnotice: () => {} });
    const [row] = await sql<{ version: string }[]>`select version()`;
    pg = row?.version.split(',')[0] ?? pg;
    await sql.end();
  } catch {
    // Reported as "not reachable" in the table.
  }
  return [
    '| | |',
    '|---|---|',
    `| Measured | ${new Date().toISOString()} |`,
    `| CPU | ${cpu.length} × ${cpu[0]?.model ?? 'unknown'} |`,
    `| Memory | ${(totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | Linux ${release()} |`,
    `| Node.js | ${process.version} |`,
    `| PostgreSQL | ${pg} |`,
  ].join('\n');
}

function existingSections(): Map<string, string> {
  const found = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(OUT, 'utf8');
  } catch {
    return found;
  }
  for (const m of text.matchAll(/<!-- section:(\w+) -->\n([\s\S]*?)<!-- \/section:\1 -->/g)) {
    if (m[1] && m[2] !== undefined) found.set(m[1], m[2]);
  }
  return found;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`Unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  const chosen: SectionName[] = asked.length ? (asked as SectionName[]) : [...SECTIONS];
  const sections = existingSections();
  let failed = false;
  for (const name of chosen) {
    console.log(`\n== bench: ${name} ==`);
    try {
      const mod = (await import(`./${name}.ts`)) as { run: () => Promise<BenchSection> };
      const result = await mod.run();
      sections.set(name, `## ${result.title}\n\n${result.markdown.trim()}\n\n`);
      console.log(result.markdown);
    } catch (err) {
      failed = true;
      console.error(`bench ${name} failed:`, err);
      sections.set(name, `## ${name}\n\nFailed on the last run: ${err instanceof Error ? err.message : String(err)}\n\n`);
    }
  }
  const body = SECTIONS.filter((s) => sections.has(s))
    .map((s) => `<!-- section:${s} -->\n${sections.get(s)}<!-- /section:${s} -->`)
    .join('\n\n');
  const doc = `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench/run.ts); each section names its method and target.\nFigures are from one run on the machine below; sections re-run alone keep the others' figures.\n\n## Machine\n\n${await machine()}\n\n${body}\n`;
  writeFileSync(OUT, doc);
  console.log(`\nwrote ${OUT}`);
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
