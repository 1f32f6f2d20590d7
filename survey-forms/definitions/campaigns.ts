import type { CampaignDefinitionInput, GroupCode, QuotaDef, UnitDef } from '../src';
import { DEFAULT_GROUPS } from '../src/codes';
import { DEMO_INDEX } from './index-tree';
import { BINH_PHUOC_2024_UNITS } from './units-binh-phuoc-2024';
import { SONG_BE_UNITS } from './units-song-be';

/** The two demo campaigns: an open 2026 campaign after the reform, and a closed 2024 one with districts. */
/** The five default groups of docs/DOMAIN.md §1, weight 1 each. */
const GROUPS: CampaignDefinitionInput['groups'] = DEFAULT_GROUPS.map((g) => ({ ...g }));

type Targets = Record<UnitDef['type'], Partial<Record<GroupCode, number>>>;

/** Forms to collect per unit, by unit type and group; only pairs some questionnaire of the campaign serves. */
function quotasFor(units: readonly UnitDef[], targets: Targets): QuotaDef[] {
  return units.flatMap((u) =>
    Object.entries(targets[u.type]).map(([group, target]) => ({ unitCode: u.code, group, target: target ?? 0, minRespondents: 3 })),
  );
}

const TARGETS_2026: Targets = {
  so: { lanh_dao_phong: 5, cong_chuc: 4, dai_bieu_hdnd: 20, lanh_dao_xa: 30 },
  huyen: {},
  xa: { lanh_dao_phong: 3, cong_chuc: 5, nguoi_dan: 30 },
};

/** Agencies 5 leaders + 4 civil servants, districts 12 + 5, as in Bình Phước 2022 (docs/DOMAIN.md §1 quotas). */
const TARGETS_2024: Targets = {
  so: { lanh_dao_phong: 5, cong_chuc: 4, dai_bieu_hdnd: 20, lanh_dao_xa: 30 },
  huyen: { lanh_dao_phong: 12, cong_chuc: 5 },
  xa: { nguoi_dan: 15 },
};

export const SONG_BE_2026: CampaignDefinitionInput = {
  name: 'Khảo sát xã hội học xác định Chỉ số cải cách hành chính năm 2026 - tỉnh Sông Bé (dữ liệu mẫu)',
  year: 2026,
  organizer: 'Sở Nội vụ tỉnh Sông Bé',
  status: 'open',
  opensAt: '2026-11-01T00:00:00+07:00',
  closesAt: '2027-01-15T23:59:59+07:00',
  missingPolicy: 'rescale',
  index: DEMO_INDEX,
  groups: GROUPS,
  units: SONG_BE_UNITS,
  questionnaires: [
    { id: 'lanh-dao-phong-so', version: 1 },
    { id: 'cong-chuc-so', version: 1 },
    { id: 'lanh-dao-phong-xa', version: 1 },
    { id: 'cong-chuc-xa', version: 1 },
    { id: 'hdnd-so', version: 1 },
    { id: 'lanh-dao-xa-so', version: 1 },
    { id: 'nguoi-dan-xa', version: 1 },
  ],
  quotas: quotasFor(SONG_BE_UNITS, TARGETS_2026),
};

export const BINH_PHUOC_2024: CampaignDefinitionInput = {
  name: 'Khảo sát xã hội học xác định Chỉ số cải cách hành chính năm 2024 - tỉnh Bình Phước (dữ liệu mẫu, trước sắp xếp 2025)',
  year: 2024,
  organizer: 'Sở Nội vụ tỉnh Bình Phước',
  status: 'closed',
  opensAt: '2024-11-01T00:00:00+07:00',
  closesAt: '2024-12-31T23:59:59+07:00',
  missingPolicy: 'rescale',
  index: DEMO_INDEX,
  groups: GROUPS,
  units: BINH_PHUOC_2024_UNITS,
  questionnaires: [
    { id: 'lanh-dao-phong-so', version: 1 },
    { id: 'cong-chuc-so', version: 1 },
    { id: 'lanh-dao-phong-huyen', version: 1 },
    { id: 'cong-chuc-huyen', version: 1 },
    { id: 'hdnd-so', version: 1 },
    { id: 'lanh-dao-xa-so', version: 1 },
    { id: 'nguoi-dan-xa', version: 1 },
  ],
  quotas: quotasFor(BINH_PHUOC_2024_UNITS, TARGETS_2024),
};
