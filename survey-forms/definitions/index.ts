import type { CampaignDefinitionInput, QuestionnaireInput } from '../src';
import { CampaignDefinition, Questionnaire, checkCampaignQuestionnaires } from '../src';
import { BINH_PHUOC_2024, SONG_BE_2026 } from './campaigns';
import { HDND_SO, LANH_DAO_XA_SO } from './questionnaires/cross';
import { NGUOI_DAN_XA } from './questionnaires/citizen';
import { ownUnitQuestionnaire } from './questionnaires/own-unit';

/**
 * The demo definitions, parsed by the same zod schemas the API uses. A bad definition file
 * fails loudly here, with every problem and its path, instead of loading half a demo.
 */
export const DEMO_QUESTIONNAIRES: QuestionnaireInput[] = [
  ownUnitQuestionnaire('lanh_dao_phong', 'so'),
  ownUnitQuestionnaire('cong_chuc', 'so'),
  ownUnitQuestionnaire('lanh_dao_phong', 'xa'),
  ownUnitQuestionnaire('cong_chuc', 'xa'),
  ownUnitQuestionnaire('lanh_dao_phong', 'huyen'),
  ownUnitQuestionnaire('cong_chuc', 'huyen'),
  HDND_SO,
  LANH_DAO_XA_SO,
  NGUOI_DAN_XA,
];

export const DEMO_CAMPAIGNS: CampaignDefinitionInput[] = [SONG_BE_2026, BINH_PHUOC_2024];

export interface DemoDefinitions {
  questionnaires: Questionnaire[];
  campaigns: CampaignDefinition[];
}

export class DefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Định nghĩa mẫu không hợp lệ (invalid demo definitions):\n  ${problems.join('\n  ')}`);
    this.name = 'DefinitionError';
  }
}

const where = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Parses and cross-checks the given definitions (the demo set by default); throws DefinitionError listing every problem. */
export function parseDefinitions(questionnaires: readonly unknown[] = DEMO_QUESTIONNAIRES, campaigns: readonly unknown[] = DEMO_CAMPAIGNS): DemoDefinitions {
  const problems: string[] = [];
  const parsedQuestionnaires: Questionnaire[] = [];
  questionnaires.forEach((input, i) => {
    const r = Questionnaire.safeParse(input);
    if (r.success) parsedQuestionnaires.push(r.data);
    else for (const issue of r.error.issues) problems.push(`questionnaires[${i}].${where(issue.path)}: ${issue.message}`);
  });
  const parsedCampaigns: CampaignDefinition[] = [];
  campaigns.forEach((input, i) => {
    const r = CampaignDefinition.safeParse(input);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push(`campaigns[${i}].${where(issue.path)}: ${issue.message}`);
      return;
    }
    for (const p of checkCampaignQuestionnaires(r.data, parsedQuestionnaires)) problems.push(`campaigns[${i}].${where(p.path)}: ${p.message}`);
    parsedCampaigns.push(r.data);
  });
  if (problems.length > 0) throw new DefinitionError(problems);
  return { questionnaires: parsedQuestionnaires, campaigns: parsedCampaigns };
}
