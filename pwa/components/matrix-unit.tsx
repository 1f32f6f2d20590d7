import { createMemo, For, Show } from 'solid-js';
import type { Question } from '../../survey-forms/src/questionnaire';
import { t } from '../lib/i18n';
import { mt } from './matrix-text';
import { dontKnowOption, type MatrixUnit, type UnitProgress } from './matrix-logic';

/**
 * One unit with all its questions ("Theo đơn vị"): each question's options are written out in
 * full, so nothing needs a key. The unit's name, its progress and "Không đánh giá cả đơn vị"
 * stay at the top of the screen (matrix.css).
 */
export function UnitPage(props: {
  unit: MatrixUnit;
  questions: readonly Question[];
  alert?: string | undefined;
  progress: UnitProgress | undefined;
  value: (questionId: string) => string | undefined;
  shown: (questionId: string) => boolean;
  invalid: (questionId: string) => boolean;
  onSet: (questionId: string, value: string) => void;
  onSkip: () => void;
}) {
  const canSkip = () => props.questions.some((q) => dontKnowOption(q) !== undefined);
  return (
    <section class="mx-unit" aria-labelledby="mx-unit-name">
      <div class="mx-uhead">
        <h3 id="mx-unit-name">{props.unit.name}</h3>
        <Show when={props.progress}>{(p) => <span class="mx-count" classList={{ done: p().answered === p().total }}>{mt().answeredOf(p().answered, p().total)}</span>}</Show>
        <Show when={canSkip()}>
          <button type="button" class="btn secondary mx-skip" onClick={() => props.onSkip()}>
            {mt().skipUnit}
          </button>
        </Show>
        <Show when={props.alert}>
          <span class="err mx-alert" role="alert">
            {props.alert}
          </span>
        </Show>
      </div>
      <For each={props.questions}>
        {(q) => (
          <Show when={props.shown(q.id)}>
            <UnitQuestion question={q} unit={props.unit} value={() => props.value(q.id)} invalid={props.invalid(q.id)} onSet={(v) => props.onSet(q.id, v)} />
          </Show>
        )}
      </For>
    </section>
  );
}

function UnitQuestion(props: { question: Question; unit: MatrixUnit; value: () => string | undefined; invalid: boolean; onSet: (value: string) => void }) {
  const value = createMemo(() => props.value());
  const name = () => `q-${props.question.id}-${props.unit.id}`;
  return (
    <fieldset class="q mx-uq" id={name()} classList={{ invalid: props.invalid }}>
      <legend>
        {props.question.text}
        <Show when={props.question.required}>
          <span class="req" title={t().required}> *</span>
        </Show>
      </legend>
      <div class="mx-pills">
        <For each={props.question.options}>
          {(o) => (
            <label class="mx-pill" classList={{ dk: o.weight === null, on: value() === o.code }}>
              <input type="radio" name={name()} value={o.code} checked={value() === o.code} onChange={() => props.onSet(o.code)} />
              <span>{o.label}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
