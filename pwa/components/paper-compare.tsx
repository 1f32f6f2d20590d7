import { createSignal, For, Show } from 'solid-js';
import type { Question } from '../../survey-forms/src/questionnaire';
import type { AnswerValue } from '../../survey-forms/src/response';
import { entryMismatches, questionsById, sectionProblems } from '../lib/answers';
import { t } from '../lib/i18n';
import { st } from '../lib/strings/staff';
import type { AnswerMap, OutboxItem } from '../lib/outbox';

/**
 * Double entry of a paper form: every field where the two keyings differ is listed, and the
 * clerk picks the value written on paper. Only when nothing is left unresolved can it be queued.
 */
export function PaperCompare(props: { item: OutboxItem; onQueue: (merged: OutboxItem) => void; onBack: (item: OutboxItem) => void }) {
  // eslint-disable-next-line solid/reactivity
  const first: AnswerMap = props.item.paper?.first ?? {};
  // eslint-disable-next-line solid/reactivity
  const second: AnswerMap = props.item.answers;
  const keys = entryMismatches(first, second);
  // eslint-disable-next-line solid/reactivity
  const byId = questionsById(props.item.questionnaire);
  const [chosen, setChosen] = createSignal<Record<string, 'first' | 'second'>>({});
  const [blocked, setBlocked] = createSignal<string[]>([]);
  const unresolved = () => keys.filter((k) => !chosen()[k]).length;

  const describe = (key: string) => {
    const [unitId, questionId] = key.split('|') as [string, string];
    const question = byId.get(questionId);
    const unit = props.item.units.find((u) => u.id === unitId);
    return { question, label: `${question?.text ?? questionId}${unit && props.item.questionnaire.mode === 'cross' ? ` — ${unit.name}` : ''}` };
  };
  const show = (question: Question | undefined, value: AnswerValue | undefined): string => {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return st().blank;
    const label = (code: string) => question?.options.find((o) => o.code === code)?.label ?? code;
    return Array.isArray(value) ? value.map(label).join(', ') : typeof value === 'string' && question?.options.length ? label(value) : String(value);
  };
  const merge = (): OutboxItem => {
    const answers = { ...second };
    for (const key of keys) answers[key] = chosen()[key] === 'first' ? (first[key] ?? null) : (second[key] ?? null);
    return { ...props.item, answers, paper: { stage: 'compare', first } };
  };

  // The merged form is checked like any other before it may be queued (required, skip logic).
  const queue = () => {
    const merged = merge();
    const problems = merged.questionnaire.sections.flatMap((_, i) => [...sectionProblems(merged, i, { missing: t().missing }).keys()]);
    setBlocked(problems.map((key) => describe(key).label));
    if (problems.length === 0) props.onQueue(merged);
  };

  return (
    <section class="card">
      <h1>{st().paperCompare}</h1>
      <p class={keys.length ? 'warn' : 'ok'} role="status">
        {keys.length ? st().paperMismatch(keys.length) : st().paperSame}
      </p>
      <For each={keys}>
        {(key) => {
          const d = describe(key);
          return (
            <fieldset class="q" data-key={key}>
              <legend>{d.label}</legend>
              <label class="opt">
                <input type="radio" name={`cmp-${key}`} checked={chosen()[key] === 'first'} onChange={() => setChosen({ ...chosen(), [key]: 'first' })} />
                <span>
                  {st().first}: <strong>{show(d.question, first[key])}</strong>
                </span>
              </label>
              <label class="opt">
                <input type="radio" name={`cmp-${key}`} checked={chosen()[key] === 'second'} onChange={() => setChosen({ ...chosen(), [key]: 'second' })} />
                <span>
                  {st().second}: <strong>{show(d.question, second[key])}</strong>
                </span>
              </label>
            </fieldset>
          );
        }}
      </For>
      <div class="row-actions">
        <button type="button" class="btn secondary" onClick={() => props.onBack({ ...props.item, section: 0, paper: { stage: 'second', first } })}>
          {t().back}
        </button>
        <button type="button" class="btn" disabled={unresolved() > 0} onClick={queue}>
          {st().queue}
        </button>
      </div>
      <Show when={blocked().length > 0}>
        <div class="err" role="alert">
          {st().paperIncomplete}
          <ul>
            <For each={blocked()}>{(label) => <li>{label}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={unresolved() > 0}>
        <p class="muted">{st().paperUnresolved(unresolved())}</p>
      </Show>
    </section>
  );
}
