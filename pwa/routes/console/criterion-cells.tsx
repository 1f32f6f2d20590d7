import { For, Show } from 'solid-js';
import { formatCount, formatDecimal, formatNumber } from '../../../survey-forms/src/number-format';
import type { CriterionCellsView } from '../../../survey-forms/src/scores-api';
import type { ResultNames } from './results-names';
import { rt } from './results-text';
import { ct } from './text';

/**
 * The cells behind one criterion score (docs/SCORING.md, tracing a published figure): each
 * question by its text and each group by its name (codes as secondary text), with valid n,
 * "don't know", mean and the group's weight; withheld cells say so (docs/PRIVACY.md).
 */
export function CriterionCells(props: { view: CriterionCellsView; names: ResultNames }) {
  const withheld = () => props.view.cells.some((c) => c.withheld);
  return (
    <div class="cells">
      <Show when={props.view.cells.length === 0}>
        <p class="muted">{rt().criterionMissing}</p>
      </Show>
      <Show when={withheld()}>
        <p class="muted">{rt().cellsWithheld}</p>
      </Show>
      <Show when={props.view.cells.length > 0}>
        <table class="cmp collapse cells-rows">
          <thead>
            <tr>
              <th scope="col">{ct().question}</th>
              <th scope="col">{ct().group}</th>
              <th scope="col" class="num">
                n
              </th>
              <th scope="col" class="num">
                {ct().dontKnow}
              </th>
              <th scope="col" class="num">
                {ct().mean}
              </th>
              <th scope="col" class="num">
                {rt().weight}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.view.cells}>
              {(c) => (
                <tr>
                  <td>
                    {props.names.question(c.group, c.questionId) ?? c.questionId} <span class="muted code">{c.questionId}</span>
                  </td>
                  <td data-label={ct().group}>{props.names.group(c.group)}</td>
                  <td class="num" data-label="n">
                    {c.withheld ? ct().withheld : formatCount(c.validAnswers)}
                  </td>
                  <td class="num" data-label={ct().dontKnow}>
                    {c.withheld ? '' : formatCount(c.dontKnow)}
                  </td>
                  <td class="num" data-label={ct().mean}>
                    {c.withheld ? '' : formatNumber(c.mean, 3)}
                  </td>
                  <td class="num" data-label={rt().weight}>
                    {formatDecimal(c.groupWeight)}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}
