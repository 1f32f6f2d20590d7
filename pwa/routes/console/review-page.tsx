import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { RESPONSE_FLAG_CODES, RESPONSE_FLAG_TITLES, responseFlagText } from '../../../survey-forms/src/flag-text';
import type { ResponseReview, ReviewedResponse } from '../../../survey-forms/src/review-api';
import { lang, formatTime } from '../../lib/i18n';
import { Failure } from './failure';
import { failed, type Outcome, OutcomeLine } from './outcome';
import { rvt } from './review-text';
import { consoleApi, downloadFile, failureOf, useJson } from './use-api';
import './review.css';

/** YYYY-MM-DD as people read it: 20/11/2026 in Vietnamese, 2026-11-20 in English. */
const dayOf = (iso: string) => (lang() === 'en' ? iso : iso.split('-').reverse().join('/'));

/**
 * Data review (docs/API.md §10 "Data review"): the responses that need a look, each with its
 * reasons, filtered by reason; exclude one with a recorded reason (after a confirmation) or
 * restore it. Responses show their day only (docs/PRIVACY.md "Response-level views").
 */
export default function ReviewPage(props: { token: string; campaign: CampaignDetail }) {
  const [flag, setFlag] = createSignal('');
  const [data, refetch] = useJson<ReviewedResponse[]>(
    () => props.token,
    () => `/api/campaigns/${props.campaign.id}/responses${flag() ? `?flag=${encodeURIComponent(flag())}` : ''}`,
  );
  const [outcome, setOutcome] = createSignal<Outcome>();
  const showError = (text: string) => setOutcome(failed({ detail: text }));
  const changed = () => (setOutcome(undefined), refetch());
  const rows = createMemo(() => {
    const d = data();
    return d?.ok ? d.value : [];
  });
  const unitName = (id: string) => props.campaign.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (code: string) => props.campaign.groups.find((g) => g.code === code)?.name ?? code;
  const download = async (ext: 'csv' | 'xlsx') => {
    const failure = await downloadFile(props.token, `/api/campaigns/${props.campaign.id}/responses.${ext}`, `du-lieu-tho-${props.campaign.id}.${ext}`);
    if (failure) showError(failure.detail);
  };
  return (
    <section class="card" data-testid="review-page">
      <h2>{rvt().reviewTitle}</h2>
      <p class="muted">{rvt().reviewLead}</p>
      <div class="row-actions">
        <button class="btn secondary" type="button" onClick={() => void download('csv')}>
          {rvt().rawCsv}
        </button>
        <button class="btn secondary" type="button" onClick={() => void download('xlsx')}>
          {rvt().rawXlsx}
        </button>
      </div>
      <p class="muted">{rvt().rawNote}</p>
      <label class="lbl" for="review-flag">
        {rvt().filter}
      </label>
      <select id="review-flag" class="field" value={flag()} onChange={(e) => setFlag(e.currentTarget.value)}>
        <option value="">{rvt().allFlags}</option>
        <For each={RESPONSE_FLAG_CODES}>{(code) => <option value={code}>{RESPONSE_FLAG_TITLES[lang()][code]}</option>}</For>
      </select>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <OutcomeLine outcome={outcome()} />
      <p class="muted" role="status">
        {rvt().shown(rows().length)}
      </p>
      <Show when={data()?.ok && rows().length === 0}>
        <p>{rvt().none}</p>
      </Show>
      <ul class="review-list">
        <For each={rows()}>
          {(r) => <ReviewItem token={props.token} campaignId={props.campaign.id} row={r} unitName={unitName} groupName={groupName} onChanged={changed} onError={showError} />}
        </For>
      </ul>
    </section>
  );
}

function ReviewItem(props: {
  token: string;
  campaignId: string;
  row: ReviewedResponse;
  unitName: (id: string) => string;
  groupName: (code: string) => string;
  onChanged: () => void;
  onError: (message: string) => void;
}) {
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const excluded = () => props.row.review.status === 'excluded';
  const submit = async () => {
    const status = excluded() ? 'included' : 'excluded';
    const text = reason().trim();
    if (status === 'excluded' && !text) return props.onError(rvt().needReason);
    // Asked only once a reason is there, so not a ConfirmButton (which asks before anything).
    if (!confirm(status === 'excluded' ? rvt().confirmExclude : rvt().confirmRestore)) return;
    setBusy(true);
    const result = await consoleApi.postJson<ResponseReview>(props.token, `/api/campaigns/${props.campaignId}/responses/${props.row.id}/review`, {
      status,
      ...(text ? { reason: text } : {}),
    });
    setBusy(false);
    if (!result.ok) return props.onError(result.failure.detail);
    setReason('');
    props.onChanged();
  };
  const inputId = () => `reason-${props.row.id}`;
  return (
    <li class="card review-item" data-response={props.row.id} data-status={props.row.review.status}>
      <p>
        <strong>{rvt().response}</strong> <code>{props.row.id.slice(0, 8)}</code> · {props.groupName(props.row.group)} · {rvt().channels[props.row.channel] ?? props.row.channel} ·{' '}
        {rvt().completedDate}: {dayOf(props.row.completedDate)}
      </p>
      <p class="muted wrap">
        {rvt().units}: {props.row.unitIds.map(props.unitName).join(', ')}
      </p>
      <ul>
        <For each={props.row.flags}>
          {(f) => (
            <li data-flag={f.code}>
              <strong>{RESPONSE_FLAG_TITLES[lang()][f.code]}</strong>: {responseFlagText(f, lang())}
            </li>
          )}
        </For>
      </ul>
      <p>
        <span class={`tag ${excluded() ? 'warn' : ''}`}>{excluded() ? rvt().excluded : rvt().included}</span>
        <Show when={props.row.review.by && props.row.review.at}>
          {' '}
          <span class="muted">
            {rvt().reviewedBy(props.row.review.by ?? '', formatTime(props.row.review.at ?? ''))}
            {props.row.review.reason ? `: ${props.row.review.reason}` : ''}
          </span>
        </Show>
      </p>
      <label class="lbl" for={inputId()}>
        {excluded() ? rvt().restoreReasonLabel : rvt().reasonLabel}
      </label>
      <input id={inputId()} class="field" type="text" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      <button class={`btn ${excluded() ? 'secondary' : ''}`} type="button" disabled={busy()} onClick={() => void submit()}>
        {excluded() ? rvt().restore : rvt().exclude}
      </button>
    </li>
  );
}
