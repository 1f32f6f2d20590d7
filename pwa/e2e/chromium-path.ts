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

/** How to start the chosen Chromium: its path and, for the bundled one, the environment it needs. */
export interface ChromiumLaunch {
  executablePath: string;
  env?: Record<string, string>;
}

export function chromiumKind(env: NodeJS.ProcessEnv = process.env): ChromiumKind {
  const forced = env.PAR_CHROMIUM;
  if (forced === 'system' || forced === 'bundled') return forced;
  if (forced) throw new Error(`PAR_CHROMIUM must be "system" or "bundled", not "${forced}"`);
  return existsSync(SYSTEM_CHROMIUM) ? 'system' : 'bundled';
}

export async function chromiumLaunch(kind: ChromiumKind = chromiumKind()): Promise<ChromiumLaunch> {
  if (kind === 'system') return { executablePath: SYSTEM_CHROMIUM };
  const folder = await bundledChromium();
  const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    executablePath: join(folder, 'chromium'),
    env: {
      ...inherited,
      // The NSS, NSPR and expat libraries it links against ship beside it, so a machine
      // without Debian's chromium (which brings them) can still start it.
      LD_LIBRARY_PATH: [join(folder, 'lib'), inherited.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(folder, 'fonts.conf'),
    },
  };
}

const require = createRequire(import.meta.url);

/**
 * Unpacks the package's brotli-compressed binary, the SwiftShader and system libraries it
 * loads, and a font, once into a folder named after the package version. The package's own
 * executablePath() unpacks into the shared temp root and races when two test workers start at
 * once; here each process unpacks into a private folder and renames it into place, so a
 * reader only ever sees a complete copy.
 */
async function bundledChromium(): Promise<string> {
  // The package exports only its entry (build/cjs/index.cjs); its root is two folders up.
  const root = dirname(dirname(dirname(require.resolve('@sparticuz/chromium'))));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const bin = join(root, 'bin');
  // "-r2": the layout of the unpacked folder; a change to it gets a new name, so a stale copy is never used.
  const target = join(tmpdir(), `par-chromium-${version}-r2`);
  if (existsSync(join(target, 'chromium'))) return target;

  const scratch = `${target}.${process.pid}-${Date.now()}`;
  mkdirSync(scratch, { recursive: true });
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(scratch, 'chromium'), { mode: 0o700 }));
    for (const archive of ['swiftshader.tar.br', 'al2023.tar.br', 'fonts.tar.br']) untar(brotliDecompressSync(readFileSync(join(bin, archive))), scratch);
    // The package's fonts.conf names Lambda's folders; this one names the unpacked font and the system's.
    writeFileSync(
      join(scratch, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(scratch, target);
    } catch (error) {
      // Another worker finished first: its copy is as good as ours.
      if (!existsSync(join(target, 'chromium'))) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

/** Writes the regular files of a small ustar archive into `folder` (its own fonts.conf excepted). */
function untar(archive: Buffer, folder: string): void {
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const name = archive.subarray(offset, offset + 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const size = Number.parseInt(archive.subarray(offset + 124, offset + 136).toString('utf8').trim(), 8);
    const type = String.fromCharCode(archive[offset + 156] ?? 0);
    if ((type === '0' || type === '\0') && name !== 'fonts.conf' && !name.split('/').includes('..')) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), archive.subarray(offset + 512, offset + 512 + size), { mode: 0o755 });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}
