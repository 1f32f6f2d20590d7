import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

/**
 * Which Chromium the browser tests drive. The system one (/usr/bin/chromium, Debian's
 * `chromium` package) when it is there; otherwise the build shipped inside the npm package
 * @sparticuz/chromium, so `npm install && npm test` needs nothing else on a fresh machine.
 * PAR_CHROMIUM=system|bundled forces one (CI uses `bundled` to prove the fresh-machine path).
 */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export type ChromiumKind = 'system' | 'bundled';

export function chromiumKind(env: NodeJS.ProcessEnv = process.env): ChromiumKind {
  const forced = env.PAR_CHROMIUM;
  if (forced === 'system' || forced === 'bundled') return forced;
  if (forced) throw new Error(`PAR_CHROMIUM must be "system" or "bundled", not "${forced}"`);
  return existsSync(SYSTEM_CHROMIUM) ? 'system' : 'bundled';
}

export async function chromiumExecutable(kind: ChromiumKind = chromiumKind()): Promise<string> {
  return kind === 'system' ? SYSTEM_CHROMIUM : bundledChromium();
}

const require = createRequire(import.meta.url);

/**
 * Unpacks the package's brotli-compressed binary (and the SwiftShader libraries it loads from
 * its own folder) once into a folder named after the package version. The package's own
 * executablePath() unpacks into the shared /tmp root and races when two test workers start
 * at once; here each process unpacks into a private folder and renames it into place, so a
 * reader only ever sees a complete copy.
 */
async function bundledChromium(): Promise<string> {
  // The package exports only its entry (build/cjs/index.cjs); its root is two folders up.
  const root = dirname(dirname(dirname(require.resolve('@sparticuz/chromium'))));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = join(root, 'bin');
  const target = join(tmpdir(), `par-chromium-${version}`);
  const executable = join(target, 'chromium');
  if (existsSync(executable)) return executable;

  const scratch = `${target}.${process.pid}-${Date.now()}`;
  mkdirSync(scratch, { recursive: true });
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(scratch, 'chromium'), { mode: 0o700 }));
    untar(brotliDecompressSync(readFileSync(join(bin, 'swiftshader.tar.br'))), scratch);
    try {
      renameSync(scratch, target);
    } catch (error) {
      // Another worker finished first: its copy is as good as ours.
      if (!existsSync(executable)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return executable;
}

/** Writes the regular files of a small, flat ustar archive (the SwiftShader libraries) into `folder`. */
function untar(archive: Buffer, folder: string): void {
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const name = archive.subarray(offset, offset + 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const size = Number.parseInt(archive.subarray(offset + 124, offset + 136).toString('utf8').trim(), 8);
    const type = String.fromCharCode(archive[offset + 156] ?? 0);
    if ((type === '0' || type === '\0') && !name.includes('/')) writeFileSync(join(folder, name), archive.subarray(offset + 512, offset + 512 + size), { mode: 0o755 });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}
