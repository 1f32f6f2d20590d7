ALTER TABLE "campaigns" ALTER COLUMN "index" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ALTER COLUMN "definition" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_questionnaires" ADD COLUMN "group_code" text;--> statement-breakpoint
ALTER TABLE "campaign_questionnaires" ADD COLUMN "unit_type" text;--> statement-breakpoint
-- Existing rows take their slot from the questionnaire version they hand out.
UPDATE "campaign_questionnaires" cq SET "group_code" = qv."definition"->>'group', "unit_type" = qv."definition"->>'unitType'
  FROM "questionnaire_versions" qv WHERE qv."questionnaire_id" = cq."questionnaire_id" AND qv."version" = cq."current_version";--> statement-breakpoint
ALTER TABLE "campaign_questionnaires" ALTER COLUMN "group_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_questionnaires" ALTER COLUMN "unit_type" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "unit_type" text;--> statement-breakpoint
-- Own-unit codes rate their unit's type; cross codes the type of their group's cross form.
UPDATE "invitations" i SET "unit_type" = u."type" FROM "campaign_units" u WHERE u."id" = i."unit_id";--> statement-breakpoint
UPDATE "invitations" i SET "unit_type" = (
  SELECT qv."definition"->>'unitType' FROM "campaign_questionnaires" cq
  JOIN "questionnaire_versions" qv ON qv."questionnaire_id" = cq."questionnaire_id" AND qv."version" = cq."current_version"
  WHERE cq."campaign_id" = i."campaign_id" AND cq."group_code" = i."group_code" AND qv."definition"->>'mode' = 'cross'
  ORDER BY cq."questionnaire_id" LIMIT 1)
  WHERE i."unit_id" IS NULL;--> statement-breakpoint
ALTER TABLE "campaign_questionnaires" ADD CONSTRAINT "campaign_questionnaires_slot" UNIQUE("campaign_id","group_code","unit_type");
