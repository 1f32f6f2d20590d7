import { For } from 'solid-js';
import type { ProblemItem } from '../../lib/api';
import { qt } from './questionnaires-text';

/**
 * Every problem (or note) of an imported spreadsheet, as a table the user can work through in
 * Excel: the questionnaire import and every set-up import (units, index, quotas) show it alike.
 */
export function SheetProblems(props: { problems: readonly ProblemItem[]; label: string; testId?: string }) {
  return (
    <div class="scroll">
      <table class="cmp sheet-problems" aria-label={props.label} data-testid={props.testId}>
        <thead>
          <tr>
            <th>{qt().sheet}</th>
            <th>{qt().row}</th>
            <th>{qt().column}</th>
            <th>{qt().reason}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.problems}>
            {(p) => (
              <tr>
                <td>{p.sheet}</td>
                <td>{p.row}</td>
                <td>{p.column ?? ''}</td>
                <td>{p.message}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
