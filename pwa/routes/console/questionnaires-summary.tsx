import { For, Show } from 'solid-js';
import { DEFAULT_GROUPS } from '../../../survey-forms/src/defaults';
import type { Question, Questionnaire } from '../../../survey-forms/src/questionnaire';
import { allQuestions } from '../../../survey-forms/src/questions';
import { relevanceText } from '../../../survey-forms/src/relevance-text';
import { conditionOf } from '../../../survey-forms/src/validate-response';
import { formatDecimal } from '../../../survey-forms/src/number-format';
import { qt } from './questionnaires-text';
import { ct } from './text';

const groupNames = new Map<string, string>(DEFAULT_GROUPS.map((g) => [g.code, g.name]));

/**
 * Whom a questionnaire is for, in words: "Công chức · tự đánh giá đơn vị · Cấp xã", the codes
 * after it as secondary text. A group outside the five defaults is campaign data with no name
 * here: its code is shown.
 */
export function FormSlot(props: { group: string; mode: string; unitType: string }) {
  return (
    <>
      {groupNames.get(props.group) ?? props.group} · {qt().modes[props.mode] ?? props.mode} · {ct().types[props.unitType] ?? props.unitType}{' '}
      <span class="code-note">
        ({props.group}, {props.unitType})
      </span>
    </>
  );
}

const kindOf = (q: Question) => qt().kinds[q.kind === 'number' ? (q.integer ? 'integer' : 'decimal') : q.kind] ?? q.kind;

function optionsOf(q: Question): string {
  return q.options.map((o) => (o.weight === null ? `${o.code} (${qt().dontKnow})` : typeof o.weight === 'number' ? `${o.code} (${formatDecimal(o.weight)})` : o.code)).join(', ');
}

/** The questionnaire at a glance: sections, questions, kinds, criteria, conditions and weights. */
export function QuestionnaireSummary(props: { questionnaire: Questionnaire }) {
  const q = () => props.questionnaire;
  const byId = () => new Map(allQuestions(q()).map((x) => [x.id, x]));
  const scored = () => allQuestions(q()).filter((x) => x.criterion).length;
  return (
    <div class="q-summary">
      <h3>
        {q().title} <span class="muted">({q().id} v{q().version})</span>
      </h3>
      <p class="muted">
        <FormSlot group={q().group} mode={q().mode} unitType={q().unitType} /> · {qt().summary(q().sections.length, allQuestions(q()).length, scored())}
      </p>
      <For each={q().sections}>
        {(section) => (
          <>
            <h4>
              {section.title} <span class="muted">({section.id})</span>
            </h4>
            <table class="cmp">
              <thead>
                <tr>
                  <th>{qt().id}</th>
                  <th>{qt().text}</th>
                  <th>{qt().kind}</th>
                  <th>{qt().criterion}</th>
                  <th>{qt().condition}</th>
                  <th>{qt().options}</th>
                </tr>
              </thead>
              <tbody>
                <For each={section.questions}>
                  {(question) => {
                    const condition = conditionOf(question, byId());
                    return (
                      <tr>
                        <td>{question.id}</td>
                        <td>
                          {question.text}
                          <Show when={question.required}>
                            <span class="req" title={qt().required}> *</span>
                          </Show>
                        </td>
                        <td>
                          {kindOf(question)}
                          <Show when={question.profile}>
                            <div class="muted">{qt().profile}</div>
                          </Show>
                          <Show when={question.perUnit}>
                            <div class="muted">{qt().perUnit}</div>
                          </Show>
                        </td>
                        <td>{question.criterion ?? question.sipasElement ?? ''}</td>
                        <td>
                          <code>{condition ? relevanceText(condition) : ''}</code>
                        </td>
                        <td>{optionsOf(question)}</td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
          </>
        )}
      </For>
    </div>
  );
}
