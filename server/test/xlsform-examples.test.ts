import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../survey-forms/definitions';
import { importXlsform } from '../services/xlsform/import';

/** The example workbooks shipped in survey-forms/examples still import to the demo definitions (regenerate: `npx tsx scripts/xlsform-examples.ts`). */
const DIR = resolve(import.meta.dirname, '../../survey-forms/examples');
const demo = parseDefinitions().questionnaires;

describe('example XLSForm workbooks', () => {
  it('ships one workbook per demo questionnaire and nothing else', () => {
    expect(readdirSync(DIR).sort()).toEqual(demo.map((q) => `${q.id}.xlsx`).sort());
  });

  it.each(demo.map((q) => [q.id, q]))('%s.xlsx imports to the same questionnaire', async (id, q) => {
    const back = await importXlsform(readFileSync(resolve(DIR, `${id}.xlsx`)));
    expect(back).toEqual({ ok: true, questionnaire: q, versionGiven: true, warnings: [] });
  });
});
