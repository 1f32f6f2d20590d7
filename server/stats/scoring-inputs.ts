import { allQuestions, type IndexTree, type MissingPolicy, type Questionnaire, scoredCriteria } from '../../survey-forms/src';
import { type AnswerKey, buildAnswerKey } from './answer-key';
import type { ScoringModel } from './campaign-scores';
import type { OptionSlot } from './respondents';

/** Everything scoring reads about a campaign besides its answers. */
export interface ScoringInputs {
  campaignId: string;
  model: ScoringModel;
  answerKey: AnswerKey;
  /** Every option of every scored question of every version: the slots of the compact answers. */
  slots: OptionSlot[];
  criterionIndex: Map<string, number>;
  /** Every published version of the campaign's questionnaires. */
  versions: Questionnaire[];
  /**
   * `${group}\u0000${questionId}` → the one version to read it with, when every questionnaire
   * version of the campaign reads a (group, question) pair alike (same criterion, weights, SIPAS
   * element). Then the scoring scan needs no join with `responses`. Null when versions differ.
   */
  representatives: Map<string, { questionnaireId: string; version: number }> | null;
  /** Ids of the responses excluded from scoring (docs/SCORING.md "Excluded responses"), sorted. */
  excluded: readonly string[];
}

export const pairKey = (group: string, questionId: string) => `${group}\u0000${questionId}`;

function representativesOf(versions: readonly Questionnaire[]): ScoringInputs['representatives'] {
  const out = new Map<string, { questionnaireId: string; version: number }>();
  const signatures = new Map<string, string>();
  for (const q of versions) {
    for (const question of allQuestions(q)) {
      const key = pairKey(q.group, question.id);
      const signature = JSON.stringify([question.kind, question.criterion ?? null, question.sipasElement ?? null, question.options.map((o) => [o.code, o.weight, o.satisfied])]);
      const seen = signatures.get(key);
      if (seen === undefined) {
        signatures.set(key, signature);
        out.set(key, { questionnaireId: q.id, version: q.version });
      } else if (seen !== signature) return null;
    }
  }
  return out;
}

export interface CampaignFacts {
  campaignId: string;
  index: IndexTree;
  missingPolicy: MissingPolicy;
  units: ScoringModel['units'];
  groups: readonly { code: string; weight: number; name?: string }[];
  quotas: readonly { unitId: string; groupCode: string; minRespondents: number }[];
  versions: readonly Questionnaire[];
  /** Responses excluded from scoring at review; none when absent. */
  excluded?: readonly string[];
}

/** Pure: the scoring inputs from plain campaign facts (also used by tests and the benchmark). */
export function scoringInputsFrom(facts: CampaignFacts): ScoringInputs {
  const criteria = scoredCriteria(facts.index);
  const versions = [...facts.versions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version));
  const answerKey = buildAnswerKey(versions, new Set(criteria.map((c) => c.code)));
  const slots: OptionSlot[] = [];
  for (const q of versions) {
    for (const question of allQuestions(q)) {
      const scored = answerKey.get(`${q.id}@${q.version}`)?.scored.get(question.id);
      if (!scored) continue;
      for (const [choice, weight] of scored.weights) {
        slots.push({ questionnaireId: q.id, version: q.version, questionId: question.id, criterion: scored.criterion, choice, weight });
      }
    }
  }
  const minRespondents = new Map<string, Map<string, number>>();
  for (const q of facts.quotas) {
    let byGroup = minRespondents.get(q.unitId);
    if (!byGroup) minRespondents.set(q.unitId, (byGroup = new Map()));
    byGroup.set(q.groupCode, q.minRespondents);
  }
  return {
    campaignId: facts.campaignId,
    model: {
      missingPolicy: facts.missingPolicy,
      criteria,
      units: facts.units,
      groupWeights: new Map(facts.groups.map((g) => [g.code, g.weight])),
      groupNames: new Map(facts.groups.flatMap((g) => (g.name === undefined ? [] : [[g.code, g.name] as const]))),
      minRespondents,
    },
    answerKey,
    slots,
    criterionIndex: new Map(criteria.map((c, i) => [c.code, i])),
    versions,
    representatives: representativesOf(versions),
    excluded: [...(facts.excluded ?? [])].sort(),
  };
}
