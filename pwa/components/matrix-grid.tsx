import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { Question } from '../../survey-forms/src/questionnaire';
import { t } from '../lib/i18n';
import { mt } from './matrix-text';
import { ROWS_AT_ONCE, shortLabel, type MatrixUnit, type UnitProgress } from './matrix-logic';

/**
 * One question with its units as a table (docs/PWA.md "The cross-evaluation matrix"): a header
 * row with the option labels, a header column with the unit names, one radio per cell. On a
 * desk it is laid out as a table; on a phone (matrix.css) each unit is a line of chips under
 * its name and the header (question and option labels) stays at the top of the screen.
 * ↑/↓ move to the same option of the unit above or below; ←/→ move within the unit, as radios do.
 */
export function QuestionGrid(props: {
  question: Question;
  units: readonly MatrixUnit[];
  /** The sticky header's message after a failed "Tiếp" (phone: the key and the message stay in view). */
  alert?: string | undefined;
  value: (unitId: string) => string | undefined;
  shown: (unitId: string) => boolean;
  invalid: (unitId: string) => boolean;
  progress: (unitId: string) => UnitProgress | undefined;
  onSet: (unitId: string, value: string) => void;
  onFill: (value: string) => void;
}) {
  const id = () => `q-${props.question.id}`;
  // 150 units: the first rows at once, the next ones as the end comes near (an observer on the
  // last row), and always down to the first row marked after a failed "Tiếp", so focus can reach it.
  const [count, setCount] = createSignal(ROWS_AT_ONCE);
  const firstInvalid = createMemo(() => props.units.findIndex((u) => props.invalid(u.id)));
  const rows = createMemo(() => props.units.slice(0, Math.max(count(), firstInvalid() + ROWS_AT_ONCE)));
  let more: HTMLTableRowElement | undefined;
  onMount(() => {
    if (!more || typeof IntersectionObserver === 'undefined') return setCount(props.units.length);
    const end = more;
    const observer = new IntersectionObserver(
      (seen) => {
        if (!seen.some((e) => e.isIntersecting)) return;
        setCount((n) => n + ROWS_AT_ONCE);
        // Observed afresh: if the end is still near after the new rows, this fires again.
        observer.unobserve(end);
        observer.observe(end);
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(end);
    onCleanup(() => observer.disconnect());
  });
  return (
    <div class="mx-q" id={id()}>
      <table class="mx-grid" aria-labelledby={`${id()}-text`} style={{ '--n': String(props.question.options.length) }}>
        <colgroup>
          <col class="mx-col-unit" />
          <col span={props.question.options.length} />
        </colgroup>
        <thead>
          <tr class="mx-qrow">
            <td colSpan={props.question.options.length + 1}>
              <span id={`${id()}-text`}>{props.question.text}</span>
              <Show when={props.question.required}>
                <span class="req" title={t().required}> *</span>
              </Show>
              <Show when={props.question.help}>
                <span class="help mx-help">{props.question.help}</span>
              </Show>
              <Show when={props.alert}>
                <span class="err mx-alert" role="alert">
                  {props.alert}
                </span>
              </Show>
            </td>
          </tr>
          <tr class="mx-keys">
            <td class="mx-corner" />
            <For each={props.question.options}>
              {(o, i) => (
                <th scope="col" classList={{ dk: o.weight === null }}>
                  <b aria-hidden="true">{shortLabel(o, i())}</b> <span>{o.label}</span>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody onKeyDown={moveVertically}>
          <tr class="mx-fill">
            <th scope="row">
              {mt().fillColumn}
              <span class="help mx-help">{mt().fillColumnHint}</span>
            </th>
            <For each={props.question.options}>
              {(o, i) => (
                <td>
                  <button type="button" class="chip" classList={{ dk: o.weight === null }} aria-label={`${mt().fillColumn}: ${o.label}`} onClick={() => props.onFill(o.code)}>
                    {shortLabel(o, i())}
                  </button>
                </td>
              )}
            </For>
          </tr>
          <For each={rows()}>
            {(unit) => (
              <Show when={props.shown(unit.id)}>
                <UnitRow question={props.question} unit={unit} value={props.value} invalid={props.invalid} progress={props.progress} onSet={props.onSet} />
              </Show>
            )}
          </For>
          <tr class="mx-more" ref={more} hidden={rows().length >= props.units.length} />
        </tbody>
      </table>
    </div>
  );
}

function UnitRow(props: {
  question: Question;
  unit: MatrixUnit;
  value: (unitId: string) => string | undefined;
  invalid: (unitId: string) => boolean;
  progress: (unitId: string) => UnitProgress | undefined;
  onSet: (unitId: string, value: string) => void;
}) {
  // One memo per row: a tap repaints its own row, not every cell of the page.
  const value = createMemo(() => props.value(props.unit.id));
  const name = () => `q-${props.question.id}-${props.unit.id}`;
  const p = () => props.progress(props.unit.id);
  return (
    <tr id={name()} classList={{ invalid: props.invalid(props.unit.id) }}>
      <th scope="row">
        {props.unit.name}
        <Show when={p()}>{(x) => <span class="mx-count" classList={{ done: x().answered === x().total }}>{` ${x().answered}/${x().total}`}</span>}</Show>
      </th>
      <For each={props.question.options}>
        {(o, i) => (
          <td>
            <label class="chip" classList={{ dk: o.weight === null, on: value() === o.code }}>
              <input type="radio" name={name()} value={o.code} aria-label={`${props.unit.name}: ${o.label}`} checked={value() === o.code} onChange={() => props.onSet(props.unit.id, o.code)} />
              <span aria-hidden="true">{shortLabel(o, i())}</span>
            </label>
          </td>
        )}
      </For>
    </tr>
  );
}

/** ↑/↓ on a cell: the same column of the previous or next unit (radios alone would change the answer). */
function moveVertically(e: KeyboardEvent): void {
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
  const input = e.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
  const cell = input.closest('td');
  const row = cell?.parentElement;
  if (!cell || !row) return;
  const column = [...row.children].indexOf(cell);
  let next = e.key === 'ArrowUp' ? row.previousElementSibling : row.nextElementSibling;
  while (next && !next.querySelector('input')) next = e.key === 'ArrowUp' ? next.previousElementSibling : next.nextElementSibling;
  const target = next?.children[column]?.querySelector('input');
  e.preventDefault();
  target?.focus();
}
