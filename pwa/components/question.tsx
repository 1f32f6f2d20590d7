import { For, Match, Show, Switch } from 'solid-js';
import type { Question } from '../../survey-forms/src/questionnaire';
import type { AnswerValue } from '../../survey-forms/src/response';
import { t } from '../lib/i18n';

/** One question asked once: radio list, check boxes, a number or free text. */
export function QuestionField(props: {
  question: Question;
  /** DOM id prefix, unique on the page. */
  id: string;
  value: AnswerValue | undefined;
  error: string | undefined;
  onInput: (value: AnswerValue) => void;
}) {
  const errorId = () => `${props.id}-err`;
  const selected = () => (Array.isArray(props.value) ? props.value : []);
  const toggle = (code: string, on: boolean) => {
    const rest = selected().filter((c) => c !== code);
    props.onInput(on ? [...rest, code] : rest);
  };
  return (
    <fieldset class="q" classList={{ invalid: props.error !== undefined }} id={props.id} aria-describedby={props.error ? errorId() : undefined}>
      <legend>
        {props.question.text}
        <Show when={props.question.required}>
          <span class="req" title={t().required}> *</span>
        </Show>
      </legend>
      <Show when={props.question.help}>
        <p class="help">{props.question.help}</p>
      </Show>
      <Switch>
        <Match when={props.question.kind === 'single'}>
          <For each={props.question.options}>
            {(o) => (
              <label class="opt" classList={{ dk: o.weight === null }}>
                <input type="radio" name={props.id} value={o.code} checked={props.value === o.code} onChange={() => props.onInput(o.code)} />
                <span>{o.label}</span>
              </label>
            )}
          </For>
        </Match>
        <Match when={props.question.kind === 'multi'}>
          <For each={props.question.options}>
            {(o) => (
              <label class="opt">
                <input type="checkbox" name={props.id} value={o.code} checked={selected().includes(o.code)} onChange={(e) => toggle(o.code, e.currentTarget.checked)} />
                <span>{o.label}</span>
              </label>
            )}
          </For>
        </Match>
        <Match when={props.question.kind === 'number'}>
          <input
            class="field"
            type="number"
            inputmode="decimal"
            aria-label={props.question.text}
            placeholder={t().numberPlaceholder}
            min={props.question.min}
            max={props.question.max}
            value={typeof props.value === 'number' ? String(props.value) : ''}
            onInput={(e) => {
              const raw = e.currentTarget.value.trim();
              const n = Number(raw);
              props.onInput(raw === '' || !Number.isFinite(n) ? null : n);
            }}
          />
        </Match>
        <Match when={props.question.kind === 'text'}>
          <textarea
            class="field"
            rows={3}
            aria-label={props.question.text}
            maxLength={props.question.maxLength}
            value={typeof props.value === 'string' ? props.value : ''}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        </Match>
      </Switch>
      <Show when={props.error}>
        <p class="err" id={errorId()} role="alert">
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
