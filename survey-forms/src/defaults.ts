/**
 * Fixed code lists as plain constants, zod-free: the console imports them from here, because
 * codes.ts builds zod enums at load and would put zod into the console's chunk (docs/PWA.md).
 * codes.ts re-exports them, so the server and the schemas keep one definition.
 */

/** SIPAS elements (docs/SCORING.md rule 8). */
export const SIPAS_ELEMENTS = ['access', 'procedure', 'civil_servant', 'result', 'feedback'] as const;

/** The five groups of docs/DOMAIN.md §1, with their Vietnamese names: what a new campaign starts with (weight 1 each). */
export const DEFAULT_GROUPS = [
  { code: 'lanh_dao_phong', name: 'Lãnh đạo cấp phòng và tương đương', weight: 1 },
  { code: 'cong_chuc', name: 'Công chức', weight: 1 },
  { code: 'dai_bieu_hdnd', name: 'Đại biểu Hội đồng nhân dân', weight: 1 },
  { code: 'lanh_dao_xa', name: 'Lãnh đạo UBND cấp xã', weight: 1 },
  { code: 'nguoi_dan', name: 'Người dân, tổ chức, doanh nghiệp', weight: 1 },
] as const;
