import { Show } from 'solid-js';
import { openCampaignTab } from './campaign-tabs';
import { rvt } from './review-text';

/**
 * "The exclusion is shown wherever a figure depends on it" (issue 11): how many responses the
 * data review excluded from the figures on this page (docs/SCORING.md "Excluded responses"),
 * with a link to the review page. Nothing when none is excluded.
 */
export function ExcludedNote(props: { campaignId: string; excluded: number; unitExcluded?: number }) {
  return (
    <Show when={props.excluded > 0}>
      <p class="banner excluded-note" data-testid="excluded-note" data-excluded={props.excluded}>
        {rvt().excludedNote(props.excluded)}
        <Show when={props.unitExcluded !== undefined}> ({rvt().excludedOfUnit(props.unitExcluded ?? 0)})</Show>{' '}
        <a href={`/console/c/${props.campaignId}#review`} onClick={(e) => (e.preventDefault(), openCampaignTab(props.campaignId, 'review'))}>
          {rvt().openReview}
        </a>
      </p>
    </Show>
  );
}
