import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CampaignSample, resampleBlock } from './bootstrap';

/**
 * Runs the bootstrap (docs/SCORING.md rule 5) on every core: resamples are split into blocks, one
 * worker thread each. Resample b always draws from the stream seeded by (seed, b), so the
 * figures are identical whatever the number of threads or the order they finish in.
 * Small campaigns run inline: starting a thread costs more than it saves.
 */
const INLINE_WORK = 20_000_000; // answer cells × resamples below which threads do not pay

// The kernel is self-contained (no imports, no closures), so its compiled source runs as is.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const resampleBlock = ${resampleBlock.toString()};
const { sample, criterionMax, rescale, seed, first, count } = workerData;
const out = resampleBlock(sample, criterionMax, rescale, seed, first, count);
parentPort.postMessage(out, [out.buffer]);
`;

export interface BootstrapRun {
  sample: CampaignSample;
  criterionMax: Float64Array;
  rescale: boolean;
  seed: number;
  resamples: number;
  /** Threads to use; default: one per core when the work is large enough. */
  threads?: number;
}

export async function runBootstrap(run: BootstrapRun): Promise<Float64Array> {
  const work = run.sample.entries.length * run.resamples;
  const threads = Math.max(1, Math.min(run.threads ?? (work < INLINE_WORK ? 1 : availableParallelism()), 8, run.resamples));
  if (threads === 1 && run.threads === undefined) {
    return resampleBlock(run.sample, run.criterionMax, run.rescale, run.seed, 0, run.resamples);
  }
  const per = Math.ceil(run.resamples / threads);
  const blocks = Array.from({ length: threads }, (_, i) => ({ first: i * per, count: Math.max(0, Math.min(per, run.resamples - i * per)) })).filter(
    (b) => b.count > 0,
  );
  const parts = await Promise.all(blocks.map((b) => inWorker(run, b.first, b.count)));
  const out = new Float64Array(run.resamples * run.sample.unitCount);
  parts.forEach((part, i) => out.set(part, (blocks[i]?.first ?? 0) * run.sample.unitCount));
  return out;
}

function inWorker(run: BootstrapRun, first: number, count: number): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sample: run.sample, criterionMax: run.criterionMax, rescale: run.rescale, seed: run.seed, first, count },
    });
    worker.once('message', (out: Float64Array) => {
      resolve(out);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`bootstrap worker exited with ${code}`));
    });
  });
}
