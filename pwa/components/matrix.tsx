import { createEffect, createMemo, createSignal, For, on, Show, untrack } from 'solid-js';
import type { Question } from '../../survey-forms/src/questionnaire';
import type { AnswerValue } from '../../survey-forms/src/response';
import { mt } from './matrix-text';
import { ConfirmReplace, type ReplaceAsk } from './matrix-confirm';
import { UnitFinder } from './matrix-finder';
import { QuestionGrid } from './matrix-grid';
import { fillPlan, firstCell, isPaged, resumePage, totalProgress, unitProgress, unitSkipPlan, type CellSource, type MatrixMode, type MatrixUnit } from './matrix-logic';
import { UnitPage } from './matrix-unit';
import './matrix.css';

export interface MatrixCell {
  question: Question;
  unitId: string;
  value: string;
}

/**
 * The cross-evaluation matrix of one section (docs/PWA.md "The cross-evaluation matrix"): the
 * section's per-unit questions × the rated units. Its own lazy chunk (form-runner.tsx), with its
 * own stylesheet, so own-unit respondents never download it. Paged: one question with its units
 * ("Theo câu hỏi") or one unit with its questions ("Theo đơn vị"); a small matrix is shown whole.
 */
export function MatrixSection(props: {
  questions: Question[];
  units: readonly MatrixUnit[];
  value: (question: Question, unitId: string) => AnswerValue | undefined;
  shown: (question: Question, unitId: string) => boolean;
  error: (question: Question, unitId: string) => string | undefined;
  onSet: (cells: MatrixCell[]) => void;
  /** Bumped by the form after a failed "Tiếp": the page of the first unanswered cell is shown. */
  reveal: number;
}) {
  const byId = createMemo(() => new Map(props.questions.map((q) => [q.id, q])));
  const cells: CellSource = {
    value: (qid, uid) => {
      const q = byId().get(qid);
      const v = q ? props.value(q, uid) : undefined;
      return typeof v === 'string' && v !== '' ? v : undefined;
    },
    shown: (qid, uid) => {
      const q = byId().get(qid);
      return q !== undefined && props.shown(q, uid);
    },
  };
  const invalid = (qid: string, uid: string) => {
    const q = byId().get(qid);
    return q !== undefined && props.error(q, uid) !== undefined;
  };
  const paged = () => isPaged(props.questions.length, props.units.length);
  const [mode, setMode] = createSignal<MatrixMode>('question');
  const [page, setPage] = createSignal(untrack(() => resumePage('question', props.questions, props.units, cells)));
  const [ask, setAsk] = createSignal<ReplaceAsk | null>(null);
  const progress = createMemo(() => unitProgress(props.questions, props.units, cells));
  const total = createMemo(() => totalProgress(progress()));
  const missing = createMemo(() => {
    let n = 0;
    for (const q of props.questions) for (const u of props.units) if (props.error(q, u.id) !== undefined) n++;
    return n;
  });
  const alert = () => (missing() > 0 ? mt().missingCells(missing()) : undefined);
  const pages = () => (mode() === 'question' ? props.questions.length : props.units.length);
  const current = () => Math.min(page(), pages() - 1);
  let root: HTMLDivElement | undefined;

  const show = (m: MatrixMode, p: number) => {
    setMode(m);
    setPage(Math.max(0, Math.min(p, pages() - 1)));
    root?.scrollIntoView({ block: 'start' });
  };
  // Runs synchronously inside the form's update, so its look-up of the first `.invalid input`
  // (form-runner.tsx) already finds the cell on the page shown here.
  createEffect(
    on(
      () => props.reveal,
      () => {
        const first = firstCell(mode(), props.questions, props.units, invalid);
        if (first && paged()) setPage(first.page);
      },
      { defer: true },
    ),
  );

  const write = (list: MatrixCell[]) => {
    if (list.length > 0) props.onSet(list);
  };
  const fill = (q: Question, value: string) => {
    const plan = fillPlan(
      props.units.map((u) => u.id),
      (u) => cells.value(q.id, u),
      (u) => cells.shown(q.id, u),
      value,
    );
    const cellsOf = (ids: string[]) => ids.map((unitId) => ({ question: q, unitId, value }));
    if (plan.replace.length === 0) return write(cellsOf(plan.blank));
    setAsk({ count: plan.replace.length, replaceAll: () => write(cellsOf([...plan.blank, ...plan.replace])), blanksOnly: () => write(cellsOf(plan.blank)) });
  };
  const skip = (unitId: string) => {
    const plan = unitSkipPlan(props.questions, unitId, cells);
    const cellsOf = (keep: (qid: string) => boolean) =>
      [...plan.set].filter(([qid]) => keep(qid)).flatMap(([qid, value]) => {
        const question = byId().get(qid);
        return question ? [{ question, unitId, value }] : [];
      });
    if (plan.replace.length === 0) return write(cellsOf(() => true));
    setAsk({ count: plan.replace.length, replaceAll: () => write(cellsOf(() => true)), blanksOnly: () => write(cellsOf((qid) => !plan.replace.includes(qid))) });
  };

  const grid = (q: Question, withAlert: boolean) => (
    <QuestionGrid
      question={q}
      units={props.units}
      alert={withAlert ? alert() : undefined}
      value={(u) => cells.value(q.id, u)}
      shown={(u) => cells.shown(q.id, u)}
      invalid={(u) => invalid(q.id, u)}
      progress={(u) => (paged() ? progress().get(u) : undefined)}
      onSet={(u, v) => write([{ question: q, unitId: u, value: v }])}
      onFill={(v) => fill(q, v)}
    />
  );
  const pager = () => (
    <Show when={pages() > 1}>
      <nav class="mx-pager" aria-label={mode() === 'question' ? mt().byQuestion : mt().byUnit}>
        <button type="button" class="btn secondary" disabled={current() === 0} onClick={() => show(mode(), current() - 1)}>
          ‹ {mt().prev}
        </button>
        <span class="mx-where">{mode() === 'question' ? mt().questionOf(current() + 1, pages()) : mt().unitOf(current() + 1, pages())}</span>
        <button type="button" class="btn secondary" disabled={current() === pages() - 1} onClick={() => show(mode(), current() + 1)}>
          {mt().nextPage} ›
        </button>
      </nav>
    </Show>
  );

  return (
    <div class="mx" ref={root} data-mode={paged() ? mode() : 'whole'}>
      <div class="mx-bar">
        <p class="mx-total">
          <span>{mt().answeredOf(total().answered, total().total)}</span>
          <span class="mx-meter" aria-hidden="true">
            <span style={{ width: `${total().total ? (100 * total().answered) / total().total : 0}%` }} />
          </span>
        </p>
        <Show when={paged()}>
          <div class="mx-modes" role="group">
            <button type="button" class="btn secondary" aria-pressed={mode() === 'question'} onClick={() => mode() !== 'question' && show('question', resumePage('question', props.questions, props.units, cells))}>
              {mt().byQuestion}
            </button>
            <button type="button" class="btn secondary" aria-pressed={mode() === 'unit'} onClick={() => mode() !== 'unit' && show('unit', resumePage('unit', props.questions, props.units, cells))}>
              {mt().byUnit}
            </button>
          </div>
          <UnitFinder units={props.units} progress={progress()} onPick={(id) => show('unit', props.units.findIndex((u) => u.id === id))} />
        </Show>
      </div>
      <Show
        when={paged()}
        fallback={
          <>
            <Show when={alert()}>
              <p class="err" role="alert">
                {alert()}
              </p>
            </Show>
            <For each={props.questions}>{(q) => grid(q, false)}</For>
          </>
        }
      >
        {pager()}
        <Show
          when={mode() === 'unit' && props.units[current()]}
          keyed
          fallback={
            <Show when={props.questions[current()]} keyed>
              {(q) => grid(q, true)}
            </Show>
          }
        >
          {(unit) => (
            <UnitPage
              unit={unit}
              questions={props.questions}
              alert={alert()}
              progress={progress().get(unit.id)}
              value={(qid) => cells.value(qid, unit.id)}
              shown={(qid) => cells.shown(qid, unit.id)}
              invalid={(qid) => invalid(qid, unit.id)}
              onSet={(qid, v) => {
                const question = byId().get(qid);
                if (question) write([{ question, unitId: unit.id, value: v }]);
              }}
              onSkip={() => skip(unit.id)}
            />
          )}
        </Show>
        {pager()}
      </Show>
      <ConfirmReplace ask={ask()} onClose={() => setAsk(null)} />
    </div>
  );
}
