import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { BatchView, CampaignDetail } from '../../../survey-forms/src/api';
import { formatCount } from '../../../survey-forms/src/number-format';
import { formatTime } from '../../lib/i18n';
import { Failure } from './failure';
import { st } from './staff-text';
import { consoleApi, failureOf, useJson } from './use-api';

/**
 * The batches issued for a campaign (group, unit, counts, when, by whom), never a code: codes
 * are shown once at issue time only. An admin can void the unused codes of a batch.
 * `issued` changes after each new issue, so the list reloads.
 */
export function InvitationBatches(props: { token: string; campaign: CampaignDetail; issued: unknown }) {
  const [data, refetch] = useJson<BatchView[]>(() => props.token, () => `/api/campaigns/${props.campaign.id}/invitation-batches`);
  const [message, setMessage] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  createEffect(on(() => props.issued, () => refetch(), { defer: true }));
  const voidUnused = async (b: BatchView) => {
    if (!confirm(st().confirmVoid(b.unused))) return;
    setError(undefined);
    const result = await consoleApi.postJson<BatchView & { voidedNow: number }>(props.token, `/api/campaigns/${props.campaign.id}/invitation-batches/${b.id}/void`, {});
    if (!result.ok) return setError(result.failure.detail);
    setMessage(st().voidedNow(result.value.voidedNow));
    refetch();
  };
  return (
    <div class="batches">
      <h2>{st().batchesTitle}</h2>
      <p class="muted">{st().batchesLead}</p>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={message()}>
        <p role="status">{message()}</p>
      </Show>
      <Show when={error()}>
        <p class="err" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={data()?.ok && (data() as { ok: true; value: BatchView[] }).value.length === 0}>
        <p class="muted">{st().noBatches}</p>
      </Show>
      <div class="table-scroll">
        <table class="cmp" data-testid="invitation-batches">
          <thead>
            <tr>
              <th scope="col">{st().issuedAt}</th>
              <th scope="col">{st().group}</th>
              <th scope="col">{st().unit}</th>
              <th scope="col">{st().count}</th>
              <th scope="col">{st().used}</th>
              <th scope="col">{st().unused}</th>
              <th scope="col">{st().voided}</th>
              <th scope="col">{st().actions}</th>
            </tr>
          </thead>
          <tbody>
            <For each={data()?.ok ? (data() as { ok: true; value: BatchView[] }).value : []}>
              {(b) => (
                <tr data-batch={b.id}>
                  <td>
                    {formatTime(b.issuedAt)}
                    <div class="muted">{b.issuedBy}</div>
                  </td>
                  <td>{b.groupName}</td>
                  <td>{b.unitName ? `${b.unitName} (${b.unitCode ?? ''})` : st().crossAll}</td>
                  <td>{formatCount(b.count)}</td>
                  <td>{formatCount(b.used)}</td>
                  <td data-testid="unused">{formatCount(b.unused)}</td>
                  <td>{formatCount(b.voided)}</td>
                  <td>
                    <Show when={b.unused > 0}>
                      <button class="btn secondary" type="button" onClick={() => void voidUnused(b)}>
                        {st().voidUnused}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
