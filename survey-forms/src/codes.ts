import { z } from 'zod';
import { DEFAULT_GROUPS, SIPAS_ELEMENTS } from './defaults';

// The plain lists live in the zod-free defaults.ts (the console imports them there); re-exported for the server.
export { DEFAULT_GROUPS, SIPAS_ELEMENTS } from './defaults';

/** Unit type codes of docs/DOMAIN.md §1 units: agency, district (pre-2025), commune/ward/special zone. */
export const UNIT_TYPES = ['so', 'huyen', 'xa'] as const;
export const UnitType = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof UnitType>;

/** Staff roles (docs/DOMAIN.md §4 people and roles): administrator, analyst, field collector. */
export const ROLES = ['admin', 'analyst', 'collector'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Campaign life cycle (docs/API.md §5 campaigns): draft → open → closing → closed. */
const CAMPAIGN_STATUSES = ['draft', 'open', 'closing', 'closed'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** How missing criteria count in the published figure (docs/SCORING.md rule 4). */
export const MissingPolicy = z.enum(['rescale', 'zero']);
export type MissingPolicy = z.infer<typeof MissingPolicy>;

/** SIPAS elements (docs/SCORING.md rule 8). */
export const SipasElement = z.enum(SIPAS_ELEMENTS);
export type SipasElement = z.infer<typeof SipasElement>;

/** Short machine identifiers used inside definitions (question ids, criterion codes, option codes). */
export const Slug = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'chỉ gồm chữ, số, "_", "-", "."');

/**
 * A respondent group code: campaign data, any slug (docs/DOMAIN.md §1 respondent groups), so a
 * province can add e.g. Fatherland Front leaders or businesses to its campaign.
 */
export const GroupCode = Slug;
export type GroupCode = z.infer<typeof GroupCode>;

export const GROUP_CODES = DEFAULT_GROUPS.map((g) => g.code);
