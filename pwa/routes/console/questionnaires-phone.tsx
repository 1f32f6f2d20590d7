import { createSignal, Match, Switch } from 'solid-js';
import type { InvitationInfo, UnitView } from '../../../survey-forms/src/api';
import type { Questionnaire } from '../../../survey-forms/src/questionnaire';
import { FormRunner } from '../../components/form-runner';
import { Intro } from '../../components/intro';
import { t } from '../../lib/i18n';
import type { OutboxItem } from '../../lib/outbox';
import { qt } from './questionnaires-text';

/**
 * A questionnaire exactly as a respondent meets it on a phone: the respondent's own intro
 * and form components in a 360 px frame, with sample units to rate. Nothing is stored or
 * sent: saving is a no-op and the last button ends the preview.
 */
const ZERO = '00000000-0000-4000-8000-000000000000';

function sampleUnits(q: Questionnaire): UnitView[] {
  const count = q.mode === 'cross' ? 3 : 1;
  return Array.from({ length: count }, (_, i) => ({ id: `00000000-0000-4000-8000-00000000000${i + 1}`, code: `mau-${i + 1}`, name: qt().sampleUnit(i + 1), type: q.unitType, parentId: null }));
}

function previewItem(q: Questionnaire, units: UnitView[]): OutboxItem {
  const now = new Date().toISOString();
  return {
    id: ZERO,
    status: 'draft',
    owner: { kind: 'invitation', code: 'XEMTRUOC' },
    channel: 'self',
    campaignId: ZERO,
    campaignName: qt().previewCampaign,
    group: q.group,
    questionnaire: q,
    units,
    startedAt: now,
    answers: {},
    section: 0,
    updatedAt: now,
  };
}

export function PhonePreview(props: { questionnaire: Questionnaire }) {
  const [stage, setStage] = createSignal<'intro' | 'form' | 'end'>('intro');
  const units = () => sampleUnits(props.questionnaire);
  const info = (): InvitationInfo => ({
    campaignId: ZERO,
    campaignName: qt().previewCampaign,
    organizer: qt().organizer,
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    group: props.questionnaire.group,
    groupName: props.questionnaire.group,
    questionnaire: props.questionnaire,
    units: units(),
  });
  return (
    <div class="phone-frame" role="region" aria-label={qt().phoneTitle}>
      <p class="muted phone-note">{qt().phoneNote}</p>
      <Switch>
        <Match when={stage() === 'intro'}>
          <Intro info={info()} resume={false} onStart={() => setStage('form')} />
        </Match>
        <Match when={stage() === 'form'}>
          <FormRunner item={previewItem(props.questionnaire, units())} save={() => Promise.resolve()} finish={() => void setStage('end')} finishLabel={t().submit} />
        </Match>
        <Match when={stage() === 'end'}>
          <section class="card">
            <p>{qt().previewEnd}</p>
            <button type="button" class="btn secondary" onClick={() => setStage('intro')}>
              {qt().restart}
            </button>
          </section>
        </Match>
      </Switch>
    </div>
  );
}
