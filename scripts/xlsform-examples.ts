import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDefinitions } from '../survey-forms/definitions';
import { DEMO_INDEX } from '../survey-forms/definitions/index-tree';
import { IndexTree } from '../survey-forms/src';
import { exportXlsform } from '../server/services/xlsform/export';
import { indexTable } from '../server/spreadsheets/index-sheet';
import { tableXlsx } from '../server/spreadsheets/write-table';

/**
 * Writes the demo questionnaires as XLSForm workbooks into survey-forms/examples/, the
 * starting point for a province that edits its forms in Excel (docs/SPREADSHEETS.md), and
 * the demo index as `bo-chi-so.xlsx` (the index list's columns).
 * server/test/xlsform-examples.test.ts checks that they still import to the definitions.
 *
 *   npx tsx scripts/xlsform-examples.ts [out-dir]
 */
/** The demo index workbook's name in the examples folder. */
const INDEX_EXAMPLE = 'bo-chi-so';
const EXAMPLES_DIR = resolve(import.meta.dirname, '../survey-forms/examples');

const out = resolve(process.argv[2] ?? EXAMPLES_DIR);
mkdirSync(out, { recursive: true });
for (const q of parseDefinitions().questionnaires) {
  const file = join(out, `${q.id}.xlsx`);
  writeFileSync(file, await exportXlsform(q));
  console.log(`${file}`);
}
const indexFile = join(out, `${INDEX_EXAMPLE}.xlsx`);
writeFileSync(indexFile, await tableXlsx(indexTable(IndexTree.parse(DEMO_INDEX))));
console.log(indexFile);
