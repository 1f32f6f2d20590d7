import type { CampaignDetail } from '../../../survey-forms/src/api';
import type { FlagNames } from '../../../survey-forms/src/flag-text';

/**
 * Names people read for the codes in scores and progress (issue 11, "results people can
 * read"): criteria, groups, questions and units by their Vietnamese names, from the campaign
 * the console already holds. Codes stay available as secondary text.
 */
export interface CriterionInfo {
  code: string;
  name: string;
  /** The field (lĩnh vực) it belongs to, and the parent criterion of a sub-criterion. */
  fieldName: string;
  parentName: string | null;
}

export interface ResultNames {
  criterion: (code: string) => CriterionInfo | undefined;
  group: (code: string) => string;
  unit: (id: string) => string;
  /** The text of a question as group `group` reads it (forms of one group may differ by unit type). */
  question: (group: string, questionId: string) => string | undefined;
  /** For survey-forms/src/flag-text.ts. */
  flags: FlagNames;
}

export function resultNames(c: CampaignDetail): ResultNames {
  const criteria = new Map<string, CriterionInfo>();
  for (const field of c.index?.fields ?? []) {
    for (const cr of field.criteria) {
      criteria.set(cr.code, { code: cr.code, name: cr.name, fieldName: field.name, parentName: null });
      for (const sub of cr.subCriteria) criteria.set(sub.code, { code: sub.code, name: sub.name, fieldName: field.name, parentName: cr.name });
    }
  }
  const groups = new Map(c.groups.map((g) => [g.code, g.name]));
  const units = new Map(c.units.map((u) => [u.id, u.name]));
  const questions = new Map<string, string>();
  for (const q of c.questionnaires) {
    for (const section of q.sections) for (const question of section.questions) if (!questions.has(`${q.group}\u0000${question.id}`)) questions.set(`${q.group}\u0000${question.id}`, question.text);
  }
  return {
    criterion: (code) => criteria.get(code),
    group: (code) => groups.get(code) ?? code,
    unit: (id) => units.get(id) ?? id,
    question: (group, id) => questions.get(`${group}\u0000${id}`),
    flags: { group: (code) => groups.get(code), criterion: (code) => criteria.get(code)?.name },
  };
}
