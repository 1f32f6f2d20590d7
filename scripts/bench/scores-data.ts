import type { Sql } from 'postgres';
import { type Db, withTransaction } from '../../db/client';
import { CampaignDefinition, Questionnaire, type QuestionnaireInput } from '../../survey-forms/src';
import { createCampaign } from '../../server/services/campaigns';
import { publishQuestionnaire } from '../../server/services/questionnaires';
import { weighted } from '../../survey-forms/definitions/options';

/**
 * Data for the scores benchmark: a national year of 34 provincial campaigns (20 agencies and
 * 100 communes each), generated inside PostgreSQL with INSERT … SELECT over generate_series so
 * 20 million answer cells take minutes. Choices are a deterministic function of the row
 * numbers (no randomness), with better and worse units.
 */
export const CAMPAIGNS = 34;
export const AGENCIES = 20;
export const COMMUNES = 100;
export const QUESTIONS = 20;
/** The largest province: 3,600 cross-evaluations × 400 cells + 2,400 own-unit forms × 20. */
export const LARGEST = { cross: 3600, own: 2400 };
/** The other 33: together with the largest, about 170,000 responses and 20 million cells. */
export const OTHERS = { cross: 1230, own: 3780 };

const OPTIONS = weighted();

function form(id: string, group: QuestionnaireInput['group'], unitType: 'so' | 'xa', mode: 'own_unit' | 'cross', prefix: string): Questionnaire {
  return Questionnaire.parse({
    id,
    version: 1,
    title: `Phiếu đo hiệu năng ${id}`,
    group,
    mode,
    unitType,
    sections: [
      {
        id: 's',
        title: 'Đánh giá',
        questions: Array.from({ length: QUESTIONS }, (_, i) => ({
          id: `${prefix}${i + 1}`,
          kind: 'single',
          text: `Câu ${i + 1}`,
          criterion: `C${(i % 10) + 1}`,
          perUnit: mode === 'cross',
          options: OPTIONS,
        })),
      },
    ],
  });
}

export const FORMS = {
  cross: form('bench-hdnd-so', 'dai_bieu_hdnd', 'so', 'cross', 'x'),
  leaders: form('bench-ldp-so', 'lanh_dao_phong', 'so', 'own_unit', 'q'),
  servants: form('bench-cc-so', 'cong_chuc', 'so', 'own_unit', 'q'),
  communes: form('bench-cc-xa', 'cong_chuc', 'xa', 'own_unit', 'q'),
};

export async function createCampaigns(db: Db, log: (s: string) => void): Promise<string[]> {
  for (const q of Object.values(FORMS)) await publishQuestionnaire(db, q, null);
  const ids: string[] = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const units = [
      ...Array.from({ length: AGENCIES }, (_, i) => ({ code: `SO-${String(i + 1).padStart(3, '0')}`, name: `Sở ${i + 1}`, type: 'so' as const })),
      ...Array.from({ length: COMMUNES }, (_, i) => ({ code: `XA-${String(i + 1).padStart(3, '0')}`, name: `Xã ${i + 1}`, type: 'xa' as const })),
    ];
    const def = CampaignDefinition.parse({
      name: `Tỉnh ${c + 1}`,
      year: 2026,
      organizer: `Sở Nội vụ tỉnh ${c + 1}`,
      status: 'open',
      opensAt: '2026-11-01T00:00:00+07:00',
      closesAt: '2026-12-31T23:59:59+07:00',
      index: { surveyShare: 30, fields: [{ code: 'F', name: 'Khảo sát', criteria: Array.from({ length: 10 }, (_, i) => ({ code: `C${i + 1}`, name: `Tiêu chí ${i + 1}`, maxPoints: 3 })) }] },
      groups: [
        { code: 'dai_bieu_hdnd', name: 'Đại biểu HĐND', weight: 1.5 },
        { code: 'lanh_dao_phong', name: 'Lãnh đạo cấp phòng', weight: 2 },
        { code: 'cong_chuc', name: 'Công chức', weight: 1 },
      ],
      units,
      questionnaires: Object.values(FORMS).map((q) => ({ id: q.id, version: 1 })),
      quotas: units.map((u) => ({ unitCode: u.code, group: 'cong_chuc', target: 20, minRespondents: 3 })),
    });
    ids.push((await withTransaction(db, (tx) => createCampaign(tx, def))).id);
  }
  log(`${CAMPAIGNS} campaigns created`);
  return ids;
}

/** Fills responses and answers in SQL; answers' constraints are dropped during the load and rebuilt after. */
export async function generateAnswers(sql: Sql, campaignIds: readonly string[], log: (s: string) => void): Promise<void> {
  await sql.unsafe(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'`);
  await sql.unsafe(`ALTER TABLE answers DROP CONSTRAINT answers_response_id_responses_id_fk; ALTER TABLE answers DROP CONSTRAINT answers_response_id_seq_pk; DROP INDEX answers_campaign`);
  await sql.unsafe(`CREATE TEMP TABLE bu AS SELECT campaign_id, type, id, row_number() OVER (PARTITION BY campaign_id, type ORDER BY code)::int AS k FROM campaign_units`);
  // A unit's quality shifts its answers towards A and B: choice = options[1 + h mod (9 - k mod 4)].
  const pickChoice = (h: string, k: string) => `(ARRAY['A','A','B','B','B','C','C','D','E'])[1 + ((${h}) % (9 - (${k}) % 4))]`;
  for (const [i, id] of campaignIds.entries()) {
    const full = i === 0 ? LARGEST : OTHERS;
    // BENCH_SCORES_SCALE (default 1) shrinks the data for a quick check of the script itself.
    const scale = Number(process.env.BENCH_SCORES_SCALE ?? 1);
    const size = { cross: Math.max(1, Math.round(full.cross * scale)), own: Math.max(1, Math.round(full.own * scale)) };
    const started = Date.now();
    await sql.unsafe(
      `INSERT INTO responses (id, campaign_id, questionnaire_id, questionnaire_version, group_code, unit_id, channel, started_at, completed_at, received_at, content_hash, content)
       SELECT md5($1::uuid::text || '-x-' || n)::uuid, $1::uuid, '${FORMS.cross.id}', 1, 'dai_bieu_hdnd', NULL, 'self', now(), now(), now() - make_interval(secs => n), 'bench', '{}'
       FROM generate_series(1, ${size.cross}) n`,
      [id],
    );
    await sql.unsafe(
      `INSERT INTO responses (id, campaign_id, questionnaire_id, questionnaire_version, group_code, unit_id, channel, started_at, completed_at, received_at, content_hash, content)
       SELECT md5($1::uuid::text || '-o-' || n)::uuid, $1::uuid,
              CASE WHEN n > ${AGENCIES * 20} THEN '${FORMS.communes.id}' WHEN n % 2 = 0 THEN '${FORMS.leaders.id}' ELSE '${FORMS.servants.id}' END, 1,
              CASE WHEN n <= ${AGENCIES * 20} AND n % 2 = 0 THEN 'lanh_dao_phong' ELSE 'cong_chuc' END,
              u.id, 'paper', now(), now(), now() - make_interval(secs => n), 'bench', '{}'
       FROM generate_series(1, ${size.own}) n
       JOIN bu u ON u.campaign_id = $1::uuid
        AND u.type = CASE WHEN n > ${AGENCIES * 20} THEN 'xa' ELSE 'so' END
        AND u.k = CASE WHEN n > ${AGENCIES * 20} THEN 1 + (n % ${COMMUNES}) ELSE 1 + (n % ${AGENCIES}) END`,
      [id],
    );
    await sql.unsafe(
      `INSERT INTO answers (response_id, seq, campaign_id, group_code, unit_id, question_id, choice)
       SELECT r.id, ((u.k - 1) * ${QUESTIONS} + q - 1)::smallint, r.campaign_id, r.group_code, u.id, 'x' || q,
              ${pickChoice('r.rn * 7919 + u.k * 104729 + q * 1299709 + r.rn * u.k', 'u.k')}
       FROM (SELECT id, campaign_id, group_code, row_number() OVER (ORDER BY id) AS rn FROM responses WHERE campaign_id = $1::uuid AND unit_id IS NULL) r
       JOIN bu u ON u.campaign_id = r.campaign_id AND u.type = 'so'
       CROSS JOIN generate_series(1, ${QUESTIONS}) q`,
      [id],
    );
    await sql.unsafe(
      `INSERT INTO answers (response_id, seq, campaign_id, group_code, unit_id, question_id, choice)
       SELECT r.id, (q - 1)::smallint, r.campaign_id, r.group_code, r.unit_id, 'q' || q,
              ${pickChoice('r.rn * 7919 + q * 1299709 + r.rn * q', 'u.k')}
       FROM (SELECT id, campaign_id, group_code, unit_id, row_number() OVER (ORDER BY id) AS rn FROM responses WHERE campaign_id = $1::uuid AND unit_id IS NOT NULL) r
       JOIN bu u ON u.id = r.unit_id
       CROSS JOIN generate_series(1, ${QUESTIONS}) q`,
      [id],
    );
    log(`campaign ${i + 1}/${campaignIds.length} filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const rebuilt = Date.now();
  await sql.unsafe(`CREATE INDEX answers_campaign ON answers (campaign_id)`);
  await sql.unsafe(`ALTER TABLE answers ADD CONSTRAINT answers_response_id_seq_pk PRIMARY KEY (response_id, seq)`);
  await sql.unsafe(`ANALYZE`);
  log(`indexes rebuilt and analysed in ${((Date.now() - rebuilt) / 1000).toFixed(1)} s`);
}
