/**
 * The name of the outbox's database, apart from lib/outbox.ts (which owns the database) so that
 * lib/store.ts can ask whether the device holds one without loading the outbox's code
 * (docs/PWA.md "First load on a weak connection").
 */
export const DB_NAME = 'par-survey';
