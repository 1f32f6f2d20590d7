CREATE TABLE "invitation_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	"unit_id" uuid,
	"count" integer NOT NULL,
	"voided" integer DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"issued_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation_batches" ADD CONSTRAINT "invitation_batches_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation_batches" ADD CONSTRAINT "invitation_batches_unit_id_campaign_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."campaign_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitation_batches_campaign" ON "invitation_batches" USING btree ("campaign_id");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_batch_id_invitation_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."invitation_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_batch" ON "invitations" USING btree ("batch_id");--> statement-breakpoint
-- Codes issued before batches existed: one batch per issuing (rows inserted in one transaction share created_at).
INSERT INTO "invitation_batches" ("id", "campaign_id", "group_code", "unit_id", "count", "issued_at", "issued_by_name")
SELECT gen_random_uuid(), "campaign_id", "group_code", "unit_id", count(*)::integer, "created_at", 'system'
FROM "invitations" GROUP BY "campaign_id", "group_code", "unit_id", "created_at";--> statement-breakpoint
UPDATE "invitations" SET "batch_id" = b."id" FROM "invitation_batches" b
WHERE "invitations"."batch_id" IS NULL AND b."campaign_id" = "invitations"."campaign_id" AND b."group_code" = "invitations"."group_code"
  AND b."unit_id" IS NOT DISTINCT FROM "invitations"."unit_id" AND b."issued_at" = "invitations"."created_at";
