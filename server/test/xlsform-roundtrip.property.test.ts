import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Questionnaire } from '../../survey-forms/src';
import { exportXlsform } from '../services/xlsform/export';
import { importXlsform } from '../services/xlsform/import';
import { arbQuestionnaire } from './xlsform-arbitraries';

/** XLSForm export → import gives back exactly the questionnaire, for any valid one. */
describe('XLSForm round trip', () => {
  it('export then import gives back the same questionnaire, with no warnings', async () => {
    await fc.assert(
      fc.asyncProperty(arbQuestionnaire, async (input) => {
        const parsed = Questionnaire.safeParse(input);
        // The generator must produce valid questionnaires only; show why if not.
        expect(parsed.error?.issues ?? []).toEqual([]);
        const q = parsed.data as Questionnaire;
        const back = await importXlsform(await exportXlsform(q));
        expect(back).toEqual({ ok: true, questionnaire: q, versionGiven: true, warnings: [] });
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
