import { createSignal, Match, Show, Switch } from 'solid-js';
import type { Questionnaire } from '../../../survey-forms/src/questionnaire';
import type { ApiFailure, ProblemItem } from '../../lib/api';
import { PhonePreview } from './questionnaires-phone';
import { QuestionnaireSummary } from './questionnaires-summary';
import { qt } from './questionnaires-text';
import { SheetProblems } from './sheet-problems';
import { consoleApi } from './use-api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportReply {
  questionnaire: Questionnaire;
  warnings: ProblemItem[];
}

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'refused'; problems: ProblemItem[] }
  | { kind: 'failed'; detail: string }
  | { kind: 'preview'; file: Blob; reply: ImportReply }
  | { kind: 'published'; reply: ImportReply };

function failed(failure: ApiFailure): State {
  if (failure.kind === 'http' && failure.status === 422 && Array.isArray(failure.errors)) return { kind: 'refused', problems: failure.errors };
  return { kind: 'failed', detail: failure.detail };
}

/**
 * Import an XLSForm workbook: the server checks it (dry run) and either lists every bad cell
 * or returns the questionnaire, shown as a summary and on a phone; only then "Công bố"
 * publishes the same bytes.
 */
export function QuestionnaireImport(props: { token: string; onPublished: () => void }) {
  const [state, setState] = createSignal<State>({ kind: 'idle' });
  let input: HTMLInputElement | undefined;

  const check = async (file: File) => {
    setState({ kind: 'checking' });
    const body = new Blob([await file.arrayBuffer()], { type: XLSX });
    const result = await consoleApi.postFile<ImportReply>(props.token, '/api/questionnaires/import?dryRun=true', body);
    setState(result.ok ? { kind: 'preview', file: body, reply: result.value } : failed(result.failure));
  };
  const publish = async (file: Blob, q: Questionnaire) => {
    if (!confirm(qt().confirmPublish(q.id, q.version))) return;
    setState({ kind: 'checking' });
    const result = await consoleApi.postFile<ImportReply>(props.token, '/api/questionnaires/import', file);
    if (!result.ok) return void setState(failed(result.failure));
    setState({ kind: 'published', reply: result.value });
    if (input) input.value = '';
    props.onPublished();
  };

  return (
    <section class="card q-import">
      <h2>{qt().importTitle}</h2>
      <label class="btn secondary">
        {qt().chooseFile}
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          accept={`.xlsx,${XLSX}`}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void check(file);
          }}
        />
      </label>
      <Switch>
        <Match when={state().kind === 'checking'}>
          <p class="muted" role="status">
            {qt().checking}
          </p>
        </Match>
        <Match when={state().kind === 'failed' && (state() as { detail: string })}>
          {(s) => (
            <p class="card warn" role="alert">
              {s().detail}
            </p>
          )}
        </Match>
        <Match when={state().kind === 'refused' && (state() as { problems: ProblemItem[] })}>
          {(s) => (
            <div role="alert">
              <p class="err">{qt().refused(s().problems.length)}</p>
              <SheetProblems problems={s().problems} label={qt().reason} />
            </div>
          )}
        </Match>
        <Match when={state().kind === 'preview' && (state() as { file: Blob; reply: ImportReply })}>
          {(s) => (
            <div class="q-preview">
              <p class="ok" role="status">
                {qt().previewOk}
              </p>
              <Show when={s().reply.warnings.length > 0}>
                <h3>{qt().warnings}</h3>
                <SheetProblems problems={s().reply.warnings} label={qt().warnings} />
              </Show>
              <button type="button" class="btn" onClick={() => void publish(s().file, s().reply.questionnaire)}>
                {qt().publish}
              </button>
              <div class="q-side-by-side">
                <QuestionnaireSummary questionnaire={s().reply.questionnaire} />
                <PhonePreview questionnaire={s().reply.questionnaire} />
              </div>
            </div>
          )}
        </Match>
        <Match when={state().kind === 'published' && (state() as { reply: ImportReply })}>
          {(s) => (
            <p class="ok" role="status">
              {qt().published(s().reply.questionnaire.id, s().reply.questionnaire.version)}
            </p>
          )}
        </Match>
      </Switch>
    </section>
  );
}
