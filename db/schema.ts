import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CampaignDefinition, IndexTree, Questionnaire } from '../survey-forms/src';
import { ROLES } from '../survey-forms/src/codes';

/**
 * The one schema for PGlite and PostgreSQL. Sized for a national campaign year: about
 * 170,000 responses and 20 million answer cells, so `answers` is narrow, append-only and
 * carries the few response columns the scoring scan groups by (campaign, group).
 * See docs/DATA-MODEL.md.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  /** scrypt, see server/services/passwords.ts */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  displayName: text('display_name').notNull().default(''),
  disabled: boolean('disabled').notNull().default(false),
  /**
   * Carried in every staff token (`ver`); raising it revokes every token issued before
   * (password change, disabling, reset: server/services/users.ts revokeTokens).
   */
  tokenVersion: integer('token_version').notNull().default(0),
  /** Set on a generated first admin and on an admin's password reset; cleared when the user changes it. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: createdAt(),
});

/** Published questionnaire versions; immutable once inserted (no UPDATE path exists). */
export const questionnaireVersions = pgTable(
  'questionnaire_versions',
  {
    questionnaireId: text('questionnaire_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Questionnaire>().notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.questionnaireId, t.version] })],
);

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    organizer: text('organizer').notNull(),
    status: text('status', { enum: ['draft', 'open', 'closing', 'closed'] }).notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    /** When the campaign entered `closing`: later-completed responses are refused. */
    closingAt: timestamp('closing_at', { withTimezone: true }),
    missingPolicy: text('missing_policy', { enum: ['rescale', 'zero'] }).notNull(),
    /** The index tree; null while a draft has none yet (imported or copied later). */
    index: jsonb('index').$type<IndexTree>(),
    /** The full definition as accepted when the campaign was created from one (audit); null for drafts built in parts. */
    definition: jsonb('definition').$type<CampaignDefinition>(),
    createdAt: createdAt(),
  },
);

/** The campaign's frozen unit list (units merge and rename between years). */
export const campaignUnits = pgTable(
  'campaign_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['so', 'huyen', 'xa'] }).notNull(),
    parentId: uuid('parent_id'),
  },
  (t) => [unique('campaign_units_code').on(t.campaignId, t.code), index('campaign_units_campaign').on(t.campaignId)],
);

export const campaignGroups = pgTable(
  'campaign_groups',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    weight: real('weight').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.code] })],
);

/**
 * Which questionnaires a campaign hands out; every published version of them is accepted.
 * One questionnaire per (group, unit type): the slot is the questionnaire's own group and
 * unit type, copied here so the database refuses a second form for the same slot, and so
 * "the form of group g for units of type t" is one indexed lookup (docs/DATA-MODEL.md).
 */
export const campaignQuestionnaires = pgTable(
  'campaign_questionnaires',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    questionnaireId: text('questionnaire_id').notNull(),
    /** The version new respondents get; older published versions stay valid. */
    currentVersion: integer('current_version').notNull(),
    groupCode: text('group_code').notNull(),
    unitType: text('unit_type', { enum: ['so', 'huyen', 'xa'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.questionnaireId] }), unique('campaign_questionnaires_slot').on(t.campaignId, t.groupCode, t.unitType)],
);

export const quotas = pgTable(
  'quotas',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => campaignUnits.id, { onDelete: 'cascade' }),
    groupCode: text('group_code').notNull(),
    target: integer('target').notNull(),
    minRespondents: integer('min_respondents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId, t.groupCode] })],
);

/** Units a collector may interview for (docs/API.md §5 campaigns: collectors see only these). */
export const collectorAssignments = pgTable(
  'collector_assignments',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull().references(() => campaignUnits.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.campaignId, t.unitId] })],
);

/**
 * One issuing of invitation codes (group, unit, how many, when, by whom): what the console
 * lists instead of the codes, which are shown once at issue time only. `voided` counts the
 * unused codes deleted by a void; used and unused are counted from `invitations`.
 */
export const invitationBatches = pgTable(
  'invitation_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    groupCode: text('group_code').notNull(),
    unitId: uuid('unit_id').references(() => campaignUnits.id, { onDelete: 'cascade' }),
    count: integer('count').notNull(),
    voided: integer('voided').notNull().default(0),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by'),
    /** Copied like audit_log.actor_name, so the list stays readable after an account changes. */
    issuedByName: text('issued_by_name').notNull(),
  },
  (t) => [index('invitation_batches_campaign').on(t.campaignId)],
);

/**
 * Invitation codes, stored as a hash only. Nothing links a code to the response it was
 * used for: `used` is a plain flag, never a timestamp, because a time set in the same
 * transaction as `responses.received_at` would link the two (docs/SYNC.md "Privacy").
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    groupCode: text('group_code').notNull(),
    /** The rated unit for own-unit forms; null for cross-evaluation (all units of the type). */
    unitId: uuid('unit_id').references(() => campaignUnits.id, { onDelete: 'cascade' }),
    /** The unit type rated, which picks the group's form for that type; null only on codes issued before forms were per unit type. */
    unitType: text('unit_type', { enum: ['so', 'huyen', 'xa'] }),
    codeHash: text('code_hash').notNull().unique(),
    used: boolean('used').notNull().default(false),
    /** The issuing it came from (null only for codes issued before batches existed and not backfilled). */
    batchId: uuid('batch_id').references(() => invitationBatches.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_campaign').on(t.campaignId), index('invitations_batch').on(t.batchId)],
);

/**
 * Invitation responses waiting to be mixed (docs/PRIVACY.md). The ballot transaction writes
 * the ballot here and its code's consumption to `spent_invitations`, so both share that
 * transaction's id; the mix (server/services/ballot-mix.ts) later moves ballots into
 * `responses` in another transaction, in random order, and empties both tables with TRUNCATE
 * so no row, dead tuple or page keeps that id. No time column, on purpose.
 */
export const heldBallots = pgTable('held_ballots', {
  responseId: uuid('response_id').primaryKey(),
  campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
  contentHash: text('content_hash').notNull(),
  /** The rows to store, as JSON (services/response-rows.ts `StoredRows`). */
  ballot: text('ballot').notNull(),
});

/**
 * Codes consumed while their campaign is open: the primary key settles a race between two
 * tabs (exactly once). Every mix rewrites the whole table in invitation-id order, so rows
 * carry neither the consuming transaction's id nor arrival order. Folded into
 * `invitations.used` when the campaign closes. Deliberately no foreign key to `invitations`:
 * checking it would lock the invitation row and leave the ballot transaction's id in that
 * row's header (xmax) for good.
 */
export const spentInvitations = pgTable('spent_invitations', {
  invitationId: uuid('invitation_id').primaryKey(),
  campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
});

/**
 * One row per accepted response; `id` is minted on the device. `contentHash` is the SHA-256
 * of the canonical JSON (survey-forms canonical.ts): equal hash = duplicate, else conflict.
 * `unitId` is the rated unit of an own-unit response (null for cross-evaluation).
 */
export const responses = pgTable(
  'responses',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    questionnaireId: text('questionnaire_id').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    groupCode: text('group_code').notNull(),
    unitId: uuid('unit_id'),
    channel: text('channel', { enum: ['self', 'interview', 'paper'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member who synced it (collectors); null for invitation respondents. */
    submittedBy: uuid('submitted_by'),
    contentHash: text('content_hash').notNull(),
    /** The canonical JSON exactly as received, so the stored content can be proven identical. */
    content: text('content').notNull(),
    profile: jsonb('profile').$type<Record<string, unknown>>(),
    comment: text('comment'),
  },
  (t) => [index('responses_campaign').on(t.campaignId, t.receivedAt)],
);

/**
 * Answer cells: 20 million a year nationally. Only what scoring and exports read:
 * `choice` holds a single-choice option code; other kinds keep their value in `value`.
 * `seq` is the answer's position in the response, so rows stay unique without a wide key.
 */
export const answers = pgTable(
  'answers',
  {
    responseId: uuid('response_id').notNull().references(() => responses.id, { onDelete: 'cascade' }),
    seq: smallint('seq').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    groupCode: text('group_code').notNull(),
    unitId: uuid('unit_id'),
    questionId: text('question_id').notNull(),
    choice: text('choice'),
    value: jsonb('value'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.seq] }), index('answers_campaign').on(t.campaignId)],
);

/**
 * The units each response rates, one row per (response, unit): progress counts a
 * cross-evaluation response once for every unit it rates without scanning `answers`.
 * Written by sync in the same transaction as the response.
 */
export const responseUnits = pgTable(
  'response_units',
  {
    responseId: uuid('response_id').notNull().references(() => responses.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    groupCode: text('group_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.unitId] }), index('response_units_campaign').on(t.campaignId, t.unitId, t.groupCode)],
);

/** Cached score payloads per campaign, keyed by the data they were computed from. */
export const scoreCache = pgTable(
  'score_cache',
  {
    campaignId: uuid('campaign_id').primaryKey().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Responses count and newest received_at at computation time; a mismatch means stale. */
    dataKey: text('data_key').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [check('score_cache_key', sql`length(${t.dataKey}) > 0`)],
);

/**
 * Failed attempts per (scope, key) in the current window, shared by every app node:
 * `login-account` (a username), `login-address`, `refresh-address`, `invitation-address` and the
 * `invitation-all` total. Addresses are stored only as keyed hashes, windows start on the
 * minute, and only failures are written (server/services/throttle.ts).
 */
export const throttleFailures = pgTable(
  'throttle_failures',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('throttle_failures_window').on(t.windowStart)],
);

/**
 * Staff refresh tokens (docs/SECURITY.md "Sessions"): what keeps a collector logged in for the
 * fieldwork while access tokens live minutes. Only the SHA-256 of each token is stored, never
 * the token. Every refresh rotates: the row is marked `rotated` and a new row of the same
 * `family` (one login) is issued; presenting a rotated token again revokes the whole family.
 * `token_version` is the account's at issue: raising it (password change, reset, disabling)
 * kills the family too (server/services/refresh-tokens.ts).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    family: uuid('family').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    tokenVersion: integer('token_version').notNull(),
    rotated: boolean('rotated').notNull().default(false),
    /** When this token stops working: idle expiry, never past the family's cap. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The cap of the whole family (login time + REFRESH_TOKEN_MAX_AGE): sliding stops here. */
    familyExpiresAt: timestamp('family_expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('refresh_tokens_user').on(t.userId), index('refresh_tokens_family').on(t.family)],
);

/** Server-wide settings that must survive restarts (e.g. the generated JWT signing secret). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Every administrative action (who, what, when, on what): readable by admins in the console
 * and at GET /api/audit. `detail` never holds an invitation code, an answer or a password.
 * The actor's username is copied so the log stays readable after an account is renamed.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: jsonb('detail').$type<AuditDetail>().notNull().default({}),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/** Plain values only, so nothing structured (an answer, a list of codes) can slip in. */
export type AuditDetail = Record<string, string | number | boolean | null>;

/**
 * The review of one response (docs/SCORING.md "Excluded responses"): its current status, with
 * the reason, when and by whom. A row exists once someone has reviewed the response; excluded
 * responses are left out of every score, flag and interval. Restoring keeps the row, status
 * `included`, so the console shows who restored it and why. Every change is audit-logged too.
 */
export const responseReviews = pgTable(
  'response_reviews',
  {
    responseId: uuid('response_id').primaryKey().references(() => responses.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['included', 'excluded'] }).notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byId: uuid('by_id'),
    /** Copied like audit_log.actor_name, so the review stays readable after an account changes. */
    byName: text('by_name').notNull(),
  },
  (t) => [index('response_reviews_campaign').on(t.campaignId, t.status)],
);

/**
 * Published versions of a campaign's scores (docs/SCORING.md "Publishing"): never updated.
 * `scores` is the serialised `/scores` view exactly as it is served, so every read returns the
 * same bytes; `settings` the method settings, `exclusions` the excluded responses and their
 * reasons, `inputsHash` a SHA-256 of everything the figures were computed from.
 */
export const publications = pgTable(
  'publications',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by'),
    publishedByName: text('published_by_name').notNull(),
    inputsHash: text('inputs_hash').notNull(),
    responses: integer('responses').notNull(),
    excluded: integer('excluded').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    exclusions: jsonb('exclusions').$type<{ responseId: string; reason: string | null }[]>().notNull(),
    scores: text('scores').notNull(),
    /** The SIPAS view (`/satisfaction`) frozen as text at publish; null for versions published before migration 0008. */
    sipasJson: text('sipas_json'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.version] })],
);

/**
 * Read-only tokens with which the province's index software pulls a campaign's published
 * scores (docs/API.md "Integration tokens"). Only a SHA-256 of the token is kept; it is shown
 * once at issue. A revoked token stays listed with the time it was revoked.
 */
export const integrationTokens = pgTable(
  'integration_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdByName: text('created_by_name').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('integration_tokens_campaign').on(t.campaignId)],
);
