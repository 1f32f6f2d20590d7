import { runLoadBench } from './load-bench';

/** `npm run bench:load2` (or `npm run bench -- load2`): the same load against two server processes behind a round-robin proxy. */
export function run(): Promise<{ title: string; markdown: string }> {
  return runLoadBench(2);
}
