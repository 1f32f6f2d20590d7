import { createHash, randomBytes } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH } from '../../survey-forms/src/invitation-code';

/**
 * Generating and hashing invitation codes: 50 random bits each. The alphabet and the rule for
 * what people type live in survey-forms/src/invitation-code.ts, shared with the app. Only a
 * SHA-256 of the normalised code (with an optional server pepper) is stored.
 */
export { CODE_ALPHABET, CODE_LENGTH, normalizeCode } from '../../survey-forms/src/invitation-code';

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

export function hashCode(normalized: string, pepper: string): string {
  return createHash('sha256').update(`${pepper}\u0000${normalized}`).digest('hex');
}
