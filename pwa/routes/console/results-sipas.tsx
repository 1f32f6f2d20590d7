import { createMemo, For, Show } from 'solid-js';
import type { UnitView } from '../../../survey-forms/src/api';
import { SIPAS_ELEMENTS } from '../../../survey-forms/src/defaults';
import { SIPAS_NAMES } from '../../../survey-forms/src/result-labels';
import type { SatisfactionView } from '../../../survey-forms/src/scores-api';
import { lang } from '../../lib/i18n';
import { rt } from './results-text';
import { ct } from './text';
import { pct } from './use-api';

/** SIPAS satisfaction indices (docs/SCORING.md rule 8) per unit and element, for units with citizens' answers; withheld elements say so. */
export function ResultsSipas(props: { view: SatisfactionView; type: string; units: readonly UnitView[]; unitId?: string }) {
  const typeOf = createMemo(() => new Map(props.units.map((u) => [u.id, u.type])));
  const rows = createMemo(() =>
    props.view.units.filter(
      (u) => u.elements.some((e) => e.validAnswers > 0) && (!props.type || typeOf().get(u.unitId) === props.type) && (!props.unitId || u.unitId === props.unitId),
    ),
  );
  const cell = (u: SatisfactionView['units'][number], element: string) => {
    const e = u.elements.find((x) => x.element === element);
    if (!e || e.validAnswers === 0) return '—';
    return e.withheld ? ct().withheld : `${pct(e.percent)}%`;
  };
  return (
    <Show when={rows().length > 0}>
      <h2>{rt().satisfaction}</h2>
      <table class="cmp collapse sipas-rows">
        <thead>
          <tr>
            <Show when={!props.unitId}>
              <th scope="col">{ct().unit}</th>
            </Show>
            <For each={SIPAS_ELEMENTS}>{(e) => <th scope="col" class="num">{SIPAS_NAMES[lang()][e]}</th>}</For>
            <th scope="col" class="num">
              {rt().satisfactionOverall}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(u) => (
              <tr>
                <Show when={!props.unitId}>
                  <td>
                    {u.name} <span class="muted code">{u.code}</span>
                  </td>
                </Show>
                <For each={SIPAS_ELEMENTS}>
                  {(e) => (
                    <td class="num" data-label={SIPAS_NAMES[lang()][e]}>
                      {cell(u, e)}
                    </td>
                  )}
                </For>
                <td class="num" data-label={rt().satisfactionOverall}>
                  <strong>{u.overall === null ? '—' : `${pct(u.overall)}%`}</strong>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
