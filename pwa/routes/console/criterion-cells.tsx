import { For, Show } from 'solid-js';
import type { CriterionCellsView } from '../../../survey-forms/src/scores-api';
import { Failure } from './failure';
import { ct } from './text';
import { failureOf, pct, useJson } from './use-api';

/** The cells behind one criterion score (docs/SCORING.md, tracing a published figure): question, group, valid n, mean, and the arithmetic. */
export function CriterionCells(props: { token: string; campaignId: string; unitId: string; criterionId: string }) {
  const [data, refetch] = useJson<CriterionCellsView>(
    () => props.token,
    () => `/api/campaigns/${props.campaignId}/scores/${props.unitId}/criteria/${encodeURIComponent(props.criterionId)}`,
  );
  return (
    <>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={data()?.ok ? (data() as { ok: true; value: CriterionCellsView }).value : undefined}>
        {(v) => (
          <div class="cells">
            <table class="cmp">
              <thead>
                <tr>
                  <th scope="col">{ct().question}</th>
                  <th scope="col">{ct().group}</th>
                  <th scope="col">n</th>
                  <th scope="col">{ct().dontKnow}</th>
                  <th scope="col">{ct().mean}</th>
                </tr>
              </thead>
              <tbody>
                <For each={v().cells}>
                  {(c) => (
                    <tr>
                      <td>{c.questionId}</td>
                      <td>
                        {c.group} <span class="muted">(w = {c.groupWeight})</span>
                      </td>
                      <td>{c.withheld ? ct().withheld : (c.validAnswers ?? '—')}</td>
                      <td>{c.withheld ? '' : (c.dontKnow ?? '—')}</td>
                      <td>{c.withheld ? '' : pct(c.mean, 3)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="muted">{v().arithmetic.formula}</p>
          </div>
        )}
      </Show>
    </>
  );
}
