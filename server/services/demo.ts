import { count, eq } from 'drizzle-orm';
import { type Db, withTransaction } from '../../db/client';
import { campaigns, users } from '../../db/schema';
import type { GroupCode, Questionnaire } from '../../survey-forms/src';
import { canonicalJson } from '../../survey-forms/src';
import { parseDefinitions } from '../../survey-forms/definitions';
import { assignCollector, createCampaign } from './campaigns';
import { issueInvitations } from './invitations';
import { readInvitationPepper } from './secrets';
import { getQuestionnaire, publishQuestionnaire } from './questionnaires';
import { createUser } from './users';

/**
 * The demo (docs/API.md §2 start-up: PAR_DEMO=1): the definitions in survey-forms/definitions,
 * published and created exactly as an admin would through the API, plus two demo staff
 * accounts and a handful of invitation codes to try the respondent side.
 */
export const DEMO_PASSWORD = 'demo-cchc-2026';
export const DEMO_ANALYST = 'phantich';
export const DEMO_COLLECTOR = 'dieutravien';
/** How many communes of the open campaign the demo collector is assigned to. */
const COLLECTOR_COMMUNES = 5;

const INVITES: { group: GroupCode; unitCode?: string; label: string }[] = [
  { group: 'cong_chuc', unitCode: 'SO-NV', label: 'Công chức Sở Nội vụ' },
  { group: 'lanh_dao_phong', unitCode: 'SO-TC', label: 'Lãnh đạo phòng Sở Tài chính' },
  { group: 'nguoi_dan', unitCode: '25801', label: 'Người dân, Phường Thủ Dầu Một' },
  { group: 'dai_bieu_hdnd', label: 'Đại biểu HĐND (đánh giá chéo các sở)' },
  { group: 'lanh_dao_xa', label: 'Lãnh đạo UBND xã (đánh giá chéo các sở)' },
];

export async function loadDemo(db: Db): Promise<{ loaded: boolean; summary: string }> {
  const [existing] = await db.select({ n: count() }).from(campaigns);
  if ((existing?.n ?? 0) > 0) return { loaded: false, summary: '' };
  // Throws with every problem listed when a definition file is wrong: nothing is loaded then.
  const defs = parseDefinitions();

  const created = await withTransaction(db, async (tx) => {
    for (const q of defs.questionnaires) await publishOnce(tx, q);
    const out: { id: string; unitIds: Record<string, string> }[] = [];
    for (const def of defs.campaigns) out.push(await createCampaign(tx, def));
    for (const [username, role, displayName] of [
      [DEMO_ANALYST, 'analyst', 'Chuyên viên phân tích (mẫu)'],
      [DEMO_COLLECTOR, 'collector', 'Điều tra viên (mẫu)'],
    ] as const) {
      const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (!found) await createUser(tx, { username, password: DEMO_PASSWORD, role, displayName });
    }
    return out;
  });

  const open = created[0];
  const openDef = defs.campaigns[0];
  if (!open || !openDef) throw new Error('demo definitions hold no campaign');
  const communes = openDef.units.filter((u) => u.type === 'xa').slice(0, COLLECTOR_COMMUNES);
  const [collector] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.username, DEMO_COLLECTOR));
  if (collector?.role === 'collector') {
    await withTransaction(db, (tx) => assignCollector(tx, open.id, collector.id, communes.map((u) => open.unitIds[u.code] as string)));
  }
  const invites: string[] = [];
  const pepper = await readInvitationPepper(db);
  for (const inv of INVITES) {
    const unitId = inv.unitCode ? open.unitIds[inv.unitCode] : undefined;
    const [code] = await withTransaction(db, (tx) => issueInvitations(tx, pepper, open.id, { group: inv.group, unitId, count: 1 }));
    invites.push(`    ${code}  ${inv.label}`);
  }

  const lines = defs.campaigns.map((c) => {
    const byType = (t: string) => c.units.filter((u) => u.type === t).length;
    return `  - ${c.name} [${c.status}]: ${byType('so')} sở, ${byType('huyen')} huyện, ${byType('xa')} xã/phường, ${c.quotas.length} chỉ tiêu`;
  });
  const summary = [
    `${defs.campaigns.length} đợt khảo sát, ${defs.questionnaires.length} phiếu điều tra`,
    ...lines,
    `  Tài khoản mẫu (demo staff), mật khẩu "${DEMO_PASSWORD}": ${DEMO_ANALYST} (analyst), ${DEMO_COLLECTOR} (collector, ${communes.map((u) => u.name).join(', ')})`,
    '  Mã mời mẫu (demo invitation codes, shown once):',
    ...invites,
  ].join('\n');
  return { loaded: true, summary };
}

/** Publishes a demo questionnaire unless the identical version is already there; a different one is an error. */
async function publishOnce(db: Db, q: Questionnaire): Promise<void> {
  const existing = await getQuestionnaire(db, q.id, q.version);
  if (existing && canonicalJson(existing) === canonicalJson(q)) return;
  await publishQuestionnaire(db, q, null);
}
