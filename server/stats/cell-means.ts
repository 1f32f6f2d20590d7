import { type AnswerKey, versionKeyOf } from './answer-key';
import { readAnswer } from './valid-answer';

/** One aggregated row of the scoring scan: how many answers chose `choice` (SQL GROUP BY). */
export interface ChoiceCount {
  questionnaireId: string;
  version: number;
  group: string;
  unitId: string;
  questionId: string;
  choice: string;
  n: number;
}

/** A (unit, criterion, question, group) cell with what docs/SCORING.md rule 2 needs. */
export interface Cell {
  unitId: string;
  criterion: string;
  questionId: string;
  group: string;
  /** Valid answers (rule 1). */
  validN: number;
  /** Σ a over valid answers. */
  weightSum: number;
  /** "Don't know" answers: counted for flags and tracing, never scored. */
  dontKnow: number;
}

export function cellMean(cell: Pick<Cell, 'validN' | 'weightSum'>): number | null {
  return cell.validN > 0 ? cell.weightSum / cell.validN : null;
}

/**
 * docs/SCORING.md rule 2 (cell mean): m(u,q,g) = mean of a over valid answers about u to q from
 * group g. The question is read with its own version's key, so versions may weigh options
 * differently; a question is keyed with its criterion too, in case versions moved it.
 * Answers are tallied as integer counts per option weight and summed in ascending weight order
 * at the end, so every engine and every row order gives identical floats.
 */
export function cellsFromCounts(rows: readonly ChoiceCount[], key: AnswerKey): Cell[] {
  type Entry = { cell: Cell; byWeight: Map<number, number> };
  // unit → criterion\u0000question\u0000group → entry; plain loops, no per-row closures (national runs fold ~400,000 rows).
  const cells = new Map<string, Map<string, Entry>>();
  const out: Entry[] = [];
  let lastId = '';
  let lastVersion = -1;
  let lastKey: ReturnType<AnswerKey['get']>;
  for (const row of rows) {
    // Rows of one version come in runs: look its key up only when the version changes.
    if (row.version !== lastVersion || row.questionnaireId !== lastId) {
      lastId = row.questionnaireId;
      lastVersion = row.version;
      lastKey = key.get(versionKeyOf(row.questionnaireId, row.version));
    }
    const question = lastKey?.scored.get(row.questionId);
    if (!question) continue; // unscored question
    const reading = readAnswer(question, row.choice);
    if (reading.kind === 'blank') continue;
    let byCell = cells.get(row.unitId);
    if (!byCell) cells.set(row.unitId, (byCell = new Map()));
    const id = `${question.criterion}\u0000${row.questionId}\u0000${row.group}`;
    let entry = byCell.get(id);
    if (!entry) {
      entry = { cell: { unitId: row.unitId, criterion: question.criterion, questionId: row.questionId, group: row.group, validN: 0, weightSum: 0, dontKnow: 0 }, byWeight: new Map() };
      byCell.set(id, entry);
      out.push(entry);
    }
    if (reading.kind === 'dont_know') entry.cell.dontKnow += row.n;
    else {
      entry.cell.validN += row.n;
      entry.byWeight.set(reading.weight, (entry.byWeight.get(reading.weight) ?? 0) + row.n);
    }
  }
  return out.map(({ cell, byWeight }) => {
    cell.weightSum = [...byWeight].sort(([a], [b]) => a - b).reduce((sum, [w, n]) => sum + w * n, 0);
    return cell;
  });
}

/** Cells in a fixed order (question, then group), so sums over them never depend on input order. */
export function inCellOrder(cells: readonly Cell[]): Cell[] {
  return [...cells].sort((a, b) => byString(a.questionId, b.questionId) || byString(a.group, b.group));
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
