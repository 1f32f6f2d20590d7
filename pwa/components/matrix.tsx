import { For, Show } from 'solid-js';
import type { UnitView } from '../../survey-forms/src/api';
import type { AnswerOption, Question } from '../../survey-forms/src/questionnaire';
import type { AnswerValue } from '../../survey-forms/src/response';
import { t } from '../lib/i18n';

/**
 * A cross-evaluation question: one row per rated unit. On a narrow screen each row is the
 * unit's name over a strip of short option buttons (A B C D ?), with a key above; "fill the
 * column" sets every shown row at once and each cell can still be changed after.
 */
export function shortLabel(option: AnswerOption, index: number): string {
  if (option.weight === null) return '?';
  return option.code.length <= 2 ? option.code.toUpperCase() : String.fromCharCode(65 + index);
}

export function MatrixQuestion(props: {
  question: Question;
  id: string;
  units: UnitView[];
  value: (unitId: string) => AnswerValue | undefined;
  shown: (unitId: string) => boolean;
  error: (unitId: string) => string | undefined;
  onSet: (unitId: string, value: string) => void;
  onFill: (value: string) => void;
}) {
  const missing = () => props.units.filter((u) => props.error(u.id) !== undefined).length;
  return (
    <fieldset class="q matrix" id={props.id} classList={{ invalid: missing() > 0 }}>
      <legend>
        {props.question.text}
        <Show when={props.question.required}>
          <span class="req" title={t().required}> *</span>
        </Show>
      </legend>
      <Show when={props.question.help}>
        <p class="help">{props.question.help}</p>
      </Show>
      <dl class="key" aria-label={t().legend}>
        <For each={props.question.options}>
          {(o, i) => (
            <div>
              <dt>{shortLabel(o, i())}</dt>
              <dd>{o.label}</dd>
            </div>
          )}
        </For>
      </dl>
      <div class="fill" role="group" aria-label={`${t().fillColumn}: ${props.question.text}`}>
        <span class="fill-label">
          {t().fillColumn}
          <span class="help"> — {t().fillColumnHint}</span>
        </span>
        <For each={props.question.options}>
          {(o, i) => (
            <button type="button" class="chip" classList={{ dk: o.weight === null }} aria-label={`${t().fillColumn}: ${o.label}`} onClick={() => props.onFill(o.code)}>
              {shortLabel(o, i())}
            </button>
          )}
        </For>
      </div>
      <For each={props.units}>
        {(unit) => (
          <Show when={props.shown(unit.id)}>
            <div class="row" classList={{ invalid: props.error(unit.id) !== undefined }} role="radiogroup" aria-label={`${unit.name}: ${props.question.text}`} id={`${props.id}-${unit.id}`}>
              <span class="unit">{unit.name}</span>
              <span class="chips">
                <For each={props.question.options}>
                  {(o, i) => (
                    <label class="chip" classList={{ dk: o.weight === null, on: props.value(unit.id) === o.code }}>
                      <input type="radio" name={`${props.id}-${unit.id}`} value={o.code} aria-label={o.label} checked={props.value(unit.id) === o.code} onChange={() => props.onSet(unit.id, o.code)} />
                      <span aria-hidden="true">{shortLabel(o, i())}</span>
                    </label>
                  )}
                </For>
              </span>
            </div>
          </Show>
        )}
      </For>
      <Show when={missing() > 0}>
        <p class="err" role="alert">
          {t().missingCells(missing())}
        </p>
      </Show>
    </fieldset>
  );
}
