import { runLoadBench } from './load-bench';

/** `npm run bench:load`: 500 devices at once against one server process (scripts/bench/load-bench.ts). */
export function run(): Promise<{ title: string; markdown: string }> {
  return runLoadBench(1);
}
