import { createResource, createSignal, For, Show } from 'solid-js';
import type { Questionnaire } from '../../../survey-forms/src/questionnaire';
import type { ApiFailure } from '../../lib/api';
import { Failure } from './failure';
import { PhonePreview } from './questionnaires-phone';
import { QuestionnaireImport } from './questionnaires-import';
import { FormSlot, QuestionnaireSummary } from './questionnaires-summary';
import { qt } from './questionnaires-text';
import { consoleApi, downloadFile, useJson } from './use-api';

/** GET /api/questionnaires items. */
interface QuestionnaireListItem {
  id: string;
  title: string;
  group: string;
  mode: string;
  unitType: string;
  latestVersion: number;
  versions: number[];
}

type Opened = { ok: true; value: Questionnaire } | { ok: false; failure: ApiFailure };

/**
 * "Phiếu điều tra": the published questionnaires and their versions, each downloadable as
 * its XLSForm workbook and viewable as on a phone; admins import new ones (preview first).
 */
export default function QuestionnairesPage(props: { token: string; role: string }) {
  const [list, refetch] = useJson<QuestionnaireListItem[]>(() => props.token, () => '/api/questionnaires');
  const [opened, setOpened] = createSignal<{ id: string; version: number } | undefined>();
  const [definition, { refetch: reopen }] = createResource(
    () => {
      const ref = opened();
      return ref && { ...ref, token: props.token };
    },
    (ref): Promise<Opened> => consoleApi.getJson<Questionnaire>(ref.token, `/api/questionnaires/${encodeURIComponent(ref.id)}/versions/${ref.version}`),
  );
  const [downloadError, setDownloadError] = createSignal<string | undefined>();

  const download = async (id: string, version: number) => {
    const failure = await downloadFile(props.token, `/api/questionnaires/${encodeURIComponent(id)}/versions/${version}/export.xlsx`, `${id}-v${version}.xlsx`);
    setDownloadError(failure?.detail);
  };

  return (
    <>
      <section class="card">
        <h1>{qt().title}</h1>
        <p class="muted">{qt().lead}</p>
      </section>
      <Show when={props.role === 'admin'}>
        <QuestionnaireImport token={props.token} onPublished={refetch} />
      </Show>
      <section class="card">
        <h2>{qt().publishedList}</h2>
        <Show when={downloadError()}>
          <p class="err" role="alert">
            {downloadError()}
          </p>
        </Show>
        <Show when={list()} keyed>
          {(result) => {
            if (!result.ok) return <Failure failure={result.failure} retry={refetch} />;
            return (
              <Show when={result.value.length > 0} fallback={<p class="muted">{qt().none}</p>}>
                <table class="cmp q-list">
                  <tbody>
                    <For each={result.value}>
                      {(q) => (
                        <tr>
                          <td>
                            <strong>{q.title}</strong>
                            <div class="muted">
                              {q.id} · <FormSlot group={q.group} mode={q.mode} unitType={q.unitType} />
                            </div>
                          </td>
                          <td>
                            <For each={q.versions}>
                              {(v) => (
                                <div class="row-actions">
                                  <span class="tag">v{v}</span>
                                  <button type="button" class="link-btn" onClick={() => setOpened({ id: q.id, version: v })}>
                                    {qt().previewPhone}
                                  </button>
                                  <button type="button" class="link-btn" onClick={() => void download(q.id, v)}>
                                    {qt().download}
                                  </button>
                                </div>
                              )}
                            </For>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            );
          }}
        </Show>
      </section>
      <Show when={opened()}>
        <section class="card" id="q-opened">
          <button type="button" class="btn secondary" onClick={() => setOpened(undefined)}>
            {qt().close}
          </button>
          <Show when={definition()} keyed>
            {(d) => (
              <Show when={d.ok && d.value} fallback={<Failure failure={(d as { failure: ApiFailure }).failure} retry={() => void reopen()} />} keyed>
                {(q) => (
                  <div class="q-side-by-side">
                    <QuestionnaireSummary questionnaire={q} />
                    <PhonePreview questionnaire={q} />
                  </div>
                )}
              </Show>
            )}
          </Show>
        </section>
      </Show>
    </>
  );
}
