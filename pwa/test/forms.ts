import { randomUUID } from 'node:crypto';
import type { UnitView } from '../../survey-forms/src/api';
import { Questionnaire } from '../../survey-forms/src/questionnaire';
import type { Response } from '../../survey-forms/src/response';
import { fixtureQuestionnaires } from '../../server/test/fixtures';
import { buildResponse } from '../lib/answers';
import type { OutboxItem } from '../lib/outbox';

/** Test forms: the lead's fixture questionnaires, parsed, with made-up units. */
const unit = (name: string, type: UnitView['type'] = 'so'): UnitView => ({ id: randomUUID(), code: name.toUpperCase(), name, type, parentId: null });

export function crossForm() {
  return { questionnaire: Questionnaire.parse(fixtureQuestionnaires('t').cross), units: [unit('Sở Nội vụ'), unit('Sở Tài chính'), unit('Sở Tư pháp')] };
}

export function ownForm() {
  return { questionnaire: Questionnaire.parse(fixtureQuestionnaires('t').own), units: [unit('Sở Nội vụ')] };
}

export function itemFor(form: { questionnaire: Questionnaire; units: UnitView[] }, answers: OutboxItem['answers'] = {}): OutboxItem {
  return {
    id: randomUUID(),
    status: 'draft',
    owner: { kind: 'invitation', code: 'TEST' },
    channel: 'self',
    campaignId: randomUUID(),
    campaignName: 'Khảo sát thử',
    group: form.questionnaire.group,
    questionnaire: form.questionnaire,
    units: form.units,
    startedAt: '2026-11-20T08:00:00.000Z',
    answers,
    section: 0,
    updatedAt: '2026-11-20T08:00:00.000Z',
  };
}

export function responseOf(item: OutboxItem): Response {
  return buildResponse(item, '2026-11-20T08:10:00.000Z');
}
