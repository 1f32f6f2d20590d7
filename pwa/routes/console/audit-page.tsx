import { createMemo, createSignal, For, Show } from 'solid-js';
import { formatTime } from '../../lib/i18n';
import { actionWords, detailWords } from './audit-words';
import { Failure } from './failure';
import { st } from './staff-text';
import type { AuditEntry } from './staff-types';
import { failureOf, useJson } from './use-api';

/** `/console/audit` (admin): the audit log, newest first, filtered by any word of a row. */
export function AuditPage(props: { token: string }) {
  const [data, refetch] = useJson<AuditEntry[]>(() => props.token, () => '/api/audit?limit=2000');
  const [filter, setFilter] = createSignal('');
  const entries = createMemo(() => {
    const d = data();
    return d?.ok ? d.value : [];
  });
  const shown = createMemo(() => {
    const words = filter().trim().toLocaleLowerCase('vi').split(/\s+/).filter(Boolean);
    if (words.length === 0) return entries();
    return entries().filter((e) => {
      const text = `${e.actor} ${e.action} ${actionWords(e.action)} ${e.targetName ?? ''} ${e.target} ${detailWords(e.detail)}`.toLocaleLowerCase('vi');
      return words.every((w) => text.includes(w));
    });
  });
  return (
    <section class="card">
      <h1>{st().auditTitle}</h1>
      <p class="muted">{st().auditLead}</p>
      <label class="lbl" for="audit-filter">
        {st().filter}
      </label>
      <input id="audit-filter" class="field" type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <p class="muted" role="status">
        {st().shown(shown().length, entries().length)}
      </p>
      <div class="table-scroll">
        <table class="cmp audit-table stack-on-phone" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{st().at}</th>
              <th scope="col">{st().actor}</th>
              <th scope="col">{st().action}</th>
              <th scope="col">{st().target}</th>
              <th scope="col">{st().detail}</th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()} fallback={<tr><td colSpan={5} class="muted">{st().noEntries}</td></tr>}>
              {(e) => (
                <tr data-action={e.action}>
                  <td class="row-head">{formatTime(e.at)}</td>
                  <td data-label={st().actor}>{e.actor}</td>
                  <td data-label={st().action}>{actionWords(e.action)}</td>
                  <td data-label={st().target} class="wrap">
                    {e.targetName ?? e.target}
                    <Show when={e.targetName}>
                      <div class="code-note">{e.target}</div>
                    </Show>
                  </td>
                  <td data-label={st().detail} class="wrap">
                    {detailWords(e.detail)}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
