import { For, Match, Show, Switch } from 'solid-js';
import type { Question } from '../../survey-forms/src/questionnaire';
import type { AnswerValue } from '../../survey-forms/src/response';
import { t } from '../lib/i18n';

/** What the respondent may type, said before they type it: "whole number, from 0 to 20". */
function boundsHint(q: Question): string | undefined {
  const parts: string[] = [];
  if (q.kind === 'number') {
    if (q.integer) parts.push(t().wholeNumber);
    if (q.min !== undefined || q.max !== undefined) parts.push(t().between(q.min, q.max));
  }
  if (q.kind === 'text' && q.minLength !== undefined) parts.push(t().chars(q.minLength, q.maxLength));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

type FieldProps = {
  question: Question;
  /** DOM id prefix, unique on the page. */
  id: string;
  /** Shown before the question text: the rated unit when a cross form asks it per unit. */
  prefix?: string;
  value: AnswerValue | undefined;
  error: string | undefined;
  onInput: (value: AnswerValue) => void;
};

/** One question asked once: radio list, check boxes, a number, a date, free text, or a note to read. */
export function QuestionField(props: FieldProps) {
  return (
    <Show when={props.question.kind !== 'note'} fallback={<NoteField question={props.question} id={props.id} />}>
      <AnswerField {...props} />
    </Show>
  );
}

/** A note (XLSForm `note`): text to read, nothing to answer. */
function NoteField(props: { question: Question; id: string }) {
  return (
    <div class="q note" id={props.id}>
      <p>{props.question.text}</p>
      <Show when={props.question.help}>
        <p class="help">{props.question.help}</p>
      </Show>
    </div>
  );
}

function AnswerField(props: FieldProps) {
  const errorId = () => `${props.id}-err`;
  const selected = () => (Array.isArray(props.value) ? props.value : []);
  const toggle = (code: string, on: boolean) => {
    const rest = selected().filter((c) => c !== code);
    props.onInput(on ? [...rest, code] : rest);
  };
  const bounds = () => boundsHint(props.question);
  return (
    <fieldset class="q" classList={{ invalid: props.error !== undefined }} id={props.id} aria-describedby={props.error ? errorId() : undefined}>
      <legend>
        <Show when={props.prefix}>
          <span class="unit">{props.prefix}: </span>
        </Show>
        {props.question.text}
        <Show when={props.question.required}>
          <span class="req" title={t().required}> *</span>
        </Show>
      </legend>
      <Show when={props.question.help}>
        <p class="help">{props.question.help}</p>
      </Show>
      <Show when={bounds()}>
        <p class="help">({bounds()})</p>
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
            inputmode={props.question.integer ? 'numeric' : 'decimal'}
            step={props.question.integer ? 1 : 'any'}
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
        <Match when={props.question.kind === 'date'}>
          <input
            class="field"
            type="date"
            aria-label={props.question.text}
            value={typeof props.value === 'string' ? props.value : ''}
            onInput={(e) => props.onInput(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          />
        </Match>
        <Match when={props.question.kind === 'text'}>
          <textarea
            class="field"
            rows={3}
            aria-label={props.question.text}
            maxLength={props.question.maxLength}
            minLength={props.question.minLength}
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
