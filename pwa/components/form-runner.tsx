import { createMemo, createSignal, For, lazy, onMount, Show, type JSX } from 'solid-js';
import type { AnswerValue } from '../../survey-forms/src/response';
import { isShown } from '../../survey-forms/src/validate-response';
import { isMatrix, keyFor, lookupIn, questionsById, rowsFor, sectionProblems } from '../lib/answers';
import { t } from '../lib/i18n';
import type { OutboxItem } from '../lib/outbox';
import { QuestionField } from './question';

/**
 * Only cross-evaluation forms have a matrix, so it is its own chunk: own-unit respondents
 * never download it; routes/respond.tsx fetches it during the intro of a cross form.
 */
export const loadMatrix = () => import('./matrix');
const MatrixSection = lazy(() => loadMatrix().then((m) => ({ default: m.MatrixSection })));

/**
 * Runs a questionnaire one section at a time with progress, required questions and skip logic
 * from the shared validator. Every change is handed to `save` at once (and awaited in order),
 * so closing the tab or losing power loses nothing; the section reached is saved too.
 */
export function FormRunner(props: {
  item: OutboxItem;
  save: (item: OutboxItem) => Promise<void>;
  finish: (item: OutboxItem) => Promise<void> | void;
  finishLabel: string;
  top?: JSX.Element;
}) {
  // The runner owns the item while it is open; the parent re-keys it to start over.
  // eslint-disable-next-line solid/reactivity
  const [item, setItem] = createSignal(props.item);
  const [problems, setProblems] = createSignal(new Map<string, string>());
  const [saveError, setSaveError] = createSignal(false);
  const [pendingSaves, setPendingSaves] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  // Bumped after a failed "Tiếp": the matrix shows the page of its first unanswered cell.
  const [reveal, setReveal] = createSignal(0);
  let chain: Promise<void> = Promise.resolve();
  // For the benchmark (scripts/bench/pwa.ts): when the first question could be answered.
  onMount(() => performance.mark('par:form'));

  const q = () => item().questionnaire;
  const byId = createMemo(() => questionsById(q()));
  const lookup = () => lookupIn(item(), byId());
  const sectionIndex = () => Math.min(item().section, q().sections.length - 1);
  const section = () => q().sections[sectionIndex()];
  const last = () => sectionIndex() === q().sections.length - 1;
  // The section's matrix questions are one paged matrix, placed where the first of them is.
  const matrixQuestions = createMemo(() => (section()?.questions ?? []).filter((x) => isMatrix(q(), x) && x.kind === 'single'), [], { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) });
  const unitName = () => (q().mode === 'own_unit' ? item().units[0]?.name : undefined);

  const persist = (next: OutboxItem) => {
    setItem(next);
    const save = props.save;
    setPendingSaves((n) => n + 1);
    chain = chain
      .then(() => save(next))
      .then(
        () => void setSaveError(false),
        () => void setSaveError(true),
      )
      .finally(() => setPendingSaves((n) => n - 1));
    return chain;
  };
  const setAnswers = (entries: [string, AnswerValue][]) => {
    const answers = { ...item().answers };
    const left = new Map(problems());
    for (const [key, value] of entries) {
      answers[key] = value;
      left.delete(key);
    }
    setProblems(left);
    void persist({ ...item(), answers });
  };

  const go = async (delta: number) => {
    if (delta > 0) {
      const found = sectionProblems(item(), sectionIndex(), { missing: t().missing });
      setProblems(found);
      if (found.size > 0) {
        setReveal((n) => n + 1);
        // Take the respondent to the first thing to fix.
        const first = document.querySelector<HTMLElement>('.invalid input, .invalid textarea, fieldset.invalid');
        first?.focus();
        first?.scrollIntoView({ block: 'center' });
        return;
      }
      if (last()) {
        setBusy(true);
        await chain;
        try {
          await props.finish(item());
        } finally {
          setBusy(false);
        }
        return;
      }
    }
    setProblems(new Map());
    await persist({ ...item(), section: Math.max(0, sectionIndex() + delta) });
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('#section-title')?.focus();
  };

  return (
    <div class="form">
      {props.top}
      <div class="progress" role="progressbar" aria-valuemin={1} aria-valuemax={q().sections.length} aria-valuenow={sectionIndex() + 1} aria-label={t().section(sectionIndex() + 1, q().sections.length)}>
        <span style={{ width: `${(100 * (sectionIndex() + 1)) / q().sections.length}%` }} />
      </div>
      <p class="muted">
        {t().section(sectionIndex() + 1, q().sections.length)}
        <Show when={unitName()}> · {unitName()}</Show>
      </p>
      <h2 id="section-title" tabindex="-1">
        {section()?.title}
      </h2>
      <Show when={section()?.description}>
        <p class="help">{section()?.description}</p>
      </Show>
      <For each={section()?.questions ?? []}>
        {(question) => (
          <Show
            when={isMatrix(q(), question) && question.kind === 'single'}
            fallback={
              // Asked once, or (numbers, dates, text, several choices) once per rated unit, one field each.
              <For each={rowsFor(item(), question)}>
                {(row) => (
                  <Show when={isShown(question, byId(), lookup(), row)}>
                    <QuestionField
                      question={question}
                      id={row ? `q-${question.id}-${row}` : `q-${question.id}`}
                      prefix={row ? item().units.find((u) => u.id === row)?.name : undefined}
                      value={item().answers[keyFor(item(), question, row)]}
                      error={problems().get(keyFor(item(), question, row))}
                      onInput={(v) => setAnswers([[keyFor(item(), question, row), v]])}
                    />
                  </Show>
                )}
              </For>
            }
          >
            <Show when={question === matrixQuestions()[0]}>
              <MatrixSection
                questions={matrixQuestions()}
                units={item().units}
                value={(mq, u) => item().answers[keyFor(item(), mq, u)]}
                shown={(mq, u) => isShown(mq, byId(), lookup(), u)}
                error={(mq, u) => problems().get(keyFor(item(), mq, u))}
                onSet={(cells) => setAnswers(cells.map((c) => [keyFor(item(), c.question, c.unitId), c.value]))}
                reveal={reveal()}
              />
            </Show>
          </Show>
        )}
      </For>
      <p class="muted saved" role="status" data-save={pendingSaves() > 0 ? 'saving' : 'saved'}>
        {pendingSaves() > 0 ? t().saving : t().savedHere}
      </p>
      <Show when={saveError()}>
        <p class="err" role="alert">
          {t().storageError}
        </p>
      </Show>
      <div class="nav">
        <Show when={sectionIndex() > 0}>
          <button type="button" class="btn secondary" onClick={() => void go(-1)}>
            {t().back}
          </button>
        </Show>
        <button type="button" class="btn" disabled={busy()} onClick={() => void go(1)}>
          {last() ? props.finishLabel : t().next}
        </button>
      </div>
    </div>
  );
}
