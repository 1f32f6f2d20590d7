import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { BatchView, CampaignDetail } from '../../../survey-forms/src/api';
import { formatCount } from '../../../survey-forms/src/number-format';
import { formatTime } from '../../lib/i18n';
import { Failure } from './failure';
import { ConfirmButton, done, failed, type Outcome, OutcomeLine } from './outcome';
import { st } from './staff-text';
import { ct } from './text';
import { consoleApi, failureOf, okValue, useJson } from './use-api';

/**
 * The batches issued for a campaign (group, unit, counts, when, by whom), never a code: codes
 * are shown once at issue time only. An admin can void the unused codes of a batch.
 * `issued` changes after each new issue, so the list reloads.
 */
export function InvitationBatches(props: { token: string; campaign: CampaignDetail; issued: unknown }) {
  const [data, refetch] = useJson<BatchView[]>(() => props.token, () => `/api/campaigns/${props.campaign.id}/invitation-batches`);
  const [outcome, setOutcome] = createSignal<Outcome>();
  createEffect(on(() => props.issued, () => refetch(), { defer: true }));
  const voidUnused = async (b: BatchView) => {
    setOutcome(undefined);
    const result = await consoleApi.postJson<BatchView & { voidedNow: number }>(props.token, `/api/campaigns/${props.campaign.id}/invitation-batches/${b.id}/void`, {});
    if (!result.ok) return setOutcome(failed(result.failure));
    setOutcome(done(st().voidedNow(result.value.voidedNow)));
    refetch();
  };
  return (
    <div class="batches">
      <h2>{st().batchesTitle}</h2>
      <p class="muted">{st().batchesLead}</p>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <OutcomeLine outcome={outcome()} />
      <Show when={okValue(data())?.length === 0}>
        <p class="muted">{st().noBatches}</p>
      </Show>
      <div class="table-scroll">
        <table class="cmp stack-on-phone" data-testid="invitation-batches">
          <thead>
            <tr>
              <th scope="col">{st().issuedAt}</th>
              <th scope="col">{ct().group}</th>
              <th scope="col">{ct().unit}</th>
              <th scope="col">{ct().count}</th>
              <th scope="col">{st().used}</th>
              <th scope="col">{st().unused}</th>
              <th scope="col">{st().voided}</th>
              <th scope="col">{st().actions}</th>
            </tr>
          </thead>
          <tbody>
            <For each={okValue(data()) ?? []}>
              {(b) => (
                <tr data-batch={b.id}>
                  <td class="row-head">
                    {formatTime(b.issuedAt)}
                    <div class="muted">{b.issuedBy}</div>
                  </td>
                  <td data-label={ct().group}>{b.groupName}</td>
                  <td data-label={ct().unit}>{b.unitName ? `${b.unitName} (${b.unitCode ?? ''})` : st().crossAll}</td>
                  <td data-label={ct().count}>{formatCount(b.count)}</td>
                  <td data-label={st().used}>{formatCount(b.used)}</td>
                  <td data-label={st().unused} data-testid="unused">
                    {formatCount(b.unused)}
                  </td>
                  <td data-label={st().voided}>{formatCount(b.voided)}</td>
                  <td>
                    <Show when={b.unused > 0}>
                      <ConfirmButton secondary ask={st().confirmVoid(b.unused)} onConfirm={() => voidUnused(b)}>
                        {st().voidUnused}
                      </ConfirmButton>
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
