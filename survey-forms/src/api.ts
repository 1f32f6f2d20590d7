import { z } from 'zod';
import { CampaignStatus, GroupCode, MissingPolicy, Role, UnitType } from './codes';
import { IndexTree } from './index-tree';
import { Questionnaire } from './questionnaire';
import { Response } from './response';

/**
 * Wire shapes of docs/API.md: the server's response schemas, and the types the PWA reads them
 * as. The PWA imports only the types (keeping zod off the phone) and casts the JSON it
 * receives without parsing it; what it may rely on is what these schemas let leave the server.
 * One definition, so the phone and the server cannot drift apart at compile time.
 */
export const UnitView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: UnitType,
  parentId: z.uuid().nullable(),
});
export type UnitView = z.infer<typeof UnitView>;

export const GroupView = z.object({ code: GroupCode, name: z.string(), weight: z.number() });
export type GroupView = z.infer<typeof GroupView>;

export const QuotaView = z.object({ unitId: z.uuid(), group: GroupCode, target: z.number().int(), minRespondents: z.number().int() });
export type QuotaView = z.infer<typeof QuotaView>;

/** A staff member as the auth routes return them; `mustChangePassword`: a given password to replace first. */
export const StaffUserView = z.object({ id: z.uuid(), username: z.string(), role: Role, mustChangePassword: z.boolean() });
export type StaffUserView = z.infer<typeof StaffUserView>;

/**
 * POST /api/auth/login and /api/auth/refresh (docs/API.md §3 authentication): a short-lived
 * access token (`token`, a bearer JWT living `expiresIn` seconds) and the opaque refresh token
 * that buys the next one, single use: each refresh returns a new one.
 */
export const StaffSession = z.object({ token: z.string(), expiresIn: z.number().int(), refreshToken: z.string(), user: StaffUserView });
export type StaffSession = z.infer<typeof StaffSession>;

/** Body of POST /api/auth/refresh and /api/auth/logout. */
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** GET /api/campaigns items. */
export const CampaignSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  year: z.number().int(),
  status: CampaignStatus,
  opensAt: z.string(),
  closesAt: z.string(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** GET /api/campaigns/:id. `questionnaires` holds the current version of each; collectors get only their units. */
export const CampaignDetail = CampaignSummary.extend({
  organizer: z.string(),
  missingPolicy: MissingPolicy,
  units: z.array(UnitView),
  groups: z.array(GroupView),
  quotas: z.array(QuotaView),
  /** Null while a draft has no index yet. */
  index: IndexTree.nullable(),
  /** The current version of each chosen form: the form of group g for units of type t is the one with `group` g and `unitType` t. */
  questionnaires: z.array(Questionnaire),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

/** GET /api/invitations/:code: what a respondent needs to answer, and nothing about them. */
export const InvitationInfo = z.object({
  campaignId: z.uuid(),
  campaignName: z.string(),
  organizer: z.string(),
  closesAt: z.string(),
  group: GroupCode,
  groupName: z.string(),
  questionnaire: Questionnaire,
  /** The units this respondent rates: one for own-unit forms, all of the type for cross forms. */
  units: z.array(UnitView),
});
export type InvitationInfo = z.infer<typeof InvitationInfo>;

/** GET /api/campaigns/:id/invitation-batches item: one issuing of codes, counts only, never a code (docs/API.md §7 invitations). */
export const BatchView = z.object({
  id: z.uuid(),
  group: z.string(),
  groupName: z.string(),
  unitId: z.uuid().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  count: z.number().int(),
  used: z.number().int(),
  unused: z.number().int(),
  voided: z.number().int(),
  issuedAt: z.string(),
  issuedBy: z.string(),
});
export type BatchView = z.infer<typeof BatchView>;

export const MAX_SYNC_RESPONSES = 200;

/** POST /api/sync body. Items are checked one by one by the server so one bad item never rejects the rest. */
export const SyncRequest = z.object({ responses: z.array(Response).max(MAX_SYNC_RESPONSES) });
export type SyncRequest = z.infer<typeof SyncRequest>;

export const SyncStatus = z.enum(['accepted', 'duplicate', 'conflict', 'rejected']);
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncResult = z.object({
  id: z.string(),
  status: SyncStatus,
  code: z.string().optional(),
  detail: z.string().optional(),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const SyncReply = z.object({ results: z.array(SyncResult) });
export type SyncReply = z.infer<typeof SyncReply>;

/** A field of a JSON request that failed validation. */
export const PathError = z.object({ path: z.string(), message: z.string() });
export type PathError = z.infer<typeof PathError>;

/**
 * A bad cell or row of an uploaded spreadsheet: `row` is the Excel row number (1 = the header
 * row), `column` the header of the offending column when one is to blame.
 */
export const SheetError = z.object({ sheet: z.string(), row: z.number().int(), column: z.string().optional(), code: z.string(), message: z.string() });
export type SheetError = z.infer<typeof SheetError>;

/** One item of a problem's `errors`: a request field or a spreadsheet row. */
export const FieldError = z.union([PathError, SheetError]);
export type FieldError = z.infer<typeof FieldError>;

/**
 * The problem+json body (RFC 9457, docs/API.md §1 conventions) of every error answer: the one definition, used by the
 * server's error handler, its OpenAPI response schemas and any client reading a problem.
 */
export const ProblemBody = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  /** A stable code of the catalogue in server/errors.ts. */
  code: z.string(),
  detail: z.string(),
  errors: z.array(FieldError).optional(),
});
export type ProblemBody = z.infer<typeof ProblemBody>;
