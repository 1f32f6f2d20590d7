import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../survey-forms/definitions';
import { DEMO_INDEX } from '../../survey-forms/definitions/index-tree';
import { IndexTree } from '../../survey-forms/src';
import { INDEX_SPEC, parseIndex } from '../spreadsheets/index-sheet';
import { readTable } from '../spreadsheets/read-table';
import { importXlsform } from '../services/xlsform/import';

/** The example workbooks shipped in survey-forms/examples still import to the demo definitions (regenerate: `npx tsx scripts/xlsform-examples.ts`): the questionnaires and the index. */
const DIR = resolve(import.meta.dirname, '../../survey-forms/examples');
const demo = parseDefinitions().questionnaires;

describe('example XLSForm workbooks', () => {
  it('ships one workbook per demo questionnaire, the index, and nothing else', () => {
    expect(readdirSync(DIR).sort()).toEqual([...demo.map((q) => `${q.id}.xlsx`), 'bo-chi-so.xlsx'].sort());
  });

  it('bo-chi-so.xlsx imports to the demo index', async () => {
    const read = await readTable(readFileSync(resolve(DIR, 'bo-chi-so.xlsx')), 'xlsx', INDEX_SPEC);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(parseIndex(read.table)).toEqual({ index: IndexTree.parse(DEMO_INDEX), errors: [] });
  });

  it.each(demo.map((q) => [q.id, q]))('%s.xlsx imports to the same questionnaire', async (id, q) => {
    const back = await importXlsform(readFileSync(resolve(DIR, `${id}.xlsx`)));
    expect(back).toEqual({ ok: true, questionnaire: q, versionGiven: true, warnings: [] });
  });
});
