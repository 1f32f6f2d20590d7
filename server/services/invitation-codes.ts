import { createHash, randomBytes } from 'node:crypto';

/**
 * Invitation codes: 10 characters of Crockford base32 (no I, L, O, U), 50 random bits,
 * shown as `XXXXX-XXXXX`. Typed from paper, so input is forgiving: case, spaces and dashes
 * do not matter and the look-alikes O→0, I/L→1 are mapped back. Only a SHA-256 of the
 * normalised code (with an optional server pepper) is stored.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;
/** log2(32) × 10 = 50 bits of entropy per code. */
export const CODE_BITS = CODE_LENGTH * 5;

export function generateCode(): string {
  // 5 bits per character from 7 random bytes (56 bits; the top 6 are dropped): no modulo bias.
  const bytes = randomBytes(7);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out += CODE_ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return out;
}

/** `ABCDEFGHJK` → `ABCDE-FGHJK`, the form printed on slips and shown to the admin. */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Canonical form of what a person typed, or null when it cannot be a code. */
export function normalizeCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
  return cleaned;
}

export function hashCode(normalized: string, pepper: string): string {
  return createHash('sha256').update(`${pepper}\u0000${normalized}`).digest('hex');
}
