/**
 * Invitation codes (docs/DOMAIN.md, docs/SYNC.md): 10 characters of Crockford base32 (no I, L,
 * O, U), shown as `XXXXX-XXXXX`. Typed from paper, so input is forgiving: case and any
 * separator (space, dash, dot) do not matter and the look-alikes O→0, I/L→1 are mapped back.
 * The one rule for the server (and its early preload of /r/<code>: plugins/pwa-static.ts) and the app, so one
 * code is one local record and one hash on the server.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/**
 * What a person typed in canonical form, whether or not it can be a code.
 */
export function canonicalCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The canonical code, or null when it cannot be one (wrong length or a letter outside the alphabet). */
export function normalizeCode(input: string): string | null {
  const code = canonicalCode(input);
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}
