import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * After `vite build`: writes .gz and .br beside every text asset of pwa/dist, so the server
 * (@fastify/static with preCompressed) sends compressed files without compressing per request.
 * A phone on 3G pays for every byte of the respondent's first load.
 */
const root = resolve(process.argv[2] ?? 'pwa/dist');
const TEXT = /\.(html|js|mjs|css|svg|json|webmanifest|txt)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let files = 0;
let raw = 0;
let gz = 0;
for (const path of walk(root)) {
  if (!TEXT.test(path)) continue;
  const data = readFileSync(path);
  const gzip = gzipSync(data, { level: 9 });
  writeFileSync(`${path}.gz`, gzip);
  writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  files++;
  raw += data.length;
  gz += gzip.length;
}
console.log(`compress-dist: ${files} files, ${(raw / 1024).toFixed(1)} kB → ${(gz / 1024).toFixed(1)} kB gzip`);
