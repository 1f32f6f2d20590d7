import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDefinitions } from '../survey-forms/definitions';
import { exportXlsform } from '../server/services/xlsform/export';

/**
 * Writes the demo questionnaires as XLSForm workbooks into survey-forms/examples/, the
 * starting point for a province that edits its forms in Excel (docs/SPREADSHEETS.md).
 * server/test/xlsform-examples.test.ts checks that they still import to the definitions.
 *
 *   npx tsx scripts/xlsform-examples.ts [out-dir]
 */
const EXAMPLES_DIR = resolve(import.meta.dirname, '../survey-forms/examples');

const out = resolve(process.argv[2] ?? EXAMPLES_DIR);
mkdirSync(out, { recursive: true });
for (const q of parseDefinitions().questionnaires) {
  const file = join(out, `${q.id}.xlsx`);
  writeFileSync(file, await exportXlsform(q));
  console.log(`${file}`);
}
