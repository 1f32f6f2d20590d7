import { describe, expect, it } from 'vitest';
import { errorSerializer } from '../log-errors';

/** Error log lines keep what locates a fault and drop the SQL parameters (answers, comments). */
describe('errorSerializer', () => {
  it('drops the failed query parameters from message and stack', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const err = new Error('Failed query: insert into "responses" ("comment") values ($1)\nparams: Góp ý riêng tư của người dân', { cause });
    err.name = 'DrizzleQueryError';
    const logged = errorSerializer(err);
    expect(JSON.stringify(logged)).not.toContain('Góp ý');
    expect(logged).toMatchObject({ type: 'DrizzleQueryError', message: 'Failed query: insert into "responses" ("comment") values ($1)', causes: [{ code: 'ECONNREFUSED' }] });
    expect(logged.stack).toMatch(/^\s+at /);
  });
});
