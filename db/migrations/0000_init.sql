CREATE TABLE "answers" (
	"response_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"campaign_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	"unit_id" uuid,
	"question_id" text NOT NULL,
	"choice" text,
	"value" jsonb,
	CONSTRAINT "answers_response_id_seq_pk" PRIMARY KEY("response_id","seq")
);
--> statement-breakpoint
CREATE TABLE "campaign_groups" (
	"campaign_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	CONSTRAINT "campaign_groups_campaign_id_code_pk" PRIMARY KEY("campaign_id","code")
);
--> statement-breakpoint
CREATE TABLE "campaign_questionnaires" (
	"campaign_id" uuid NOT NULL,
	"questionnaire_id" text NOT NULL,
	"current_version" integer NOT NULL,
	CONSTRAINT "campaign_questionnaires_campaign_id_questionnaire_id_pk" PRIMARY KEY("campaign_id","questionnaire_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"parent_id" uuid,
	CONSTRAINT "campaign_units_code" UNIQUE("campaign_id","code")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"organizer" text NOT NULL,
	"status" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closing_at" timestamp with time zone,
	"missing_policy" text NOT NULL,
	"index" jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collector_assignments" (
	"user_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "collector_assignments_user_id_campaign_id_unit_id_pk" PRIMARY KEY("user_id","campaign_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	"unit_id" uuid,
	"code_hash" text NOT NULL,
	"used" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "questionnaire_versions" (
	"questionnaire_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_versions_questionnaire_id_version_pk" PRIMARY KEY("questionnaire_id","version")
);
--> statement-breakpoint
CREATE TABLE "quotas" (
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	"target" integer NOT NULL,
	"min_respondents" integer NOT NULL,
	CONSTRAINT "quotas_campaign_id_unit_id_group_code_pk" PRIMARY KEY("campaign_id","unit_id","group_code")
);
--> statement-breakpoint
CREATE TABLE "response_units" (
	"response_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	CONSTRAINT "response_units_response_id_unit_id_pk" PRIMARY KEY("response_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"questionnaire_id" text NOT NULL,
	"questionnaire_version" integer NOT NULL,
	"group_code" text NOT NULL,
	"unit_id" uuid,
	"channel" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"content_hash" text NOT NULL,
	"content" text NOT NULL,
	"profile" jsonb,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "score_cache" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"data_key" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "score_cache_key" CHECK (length("score_cache"."data_key") > 0)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_groups" ADD CONSTRAINT "campaign_groups_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_questionnaires" ADD CONSTRAINT "campaign_questionnaires_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_units" ADD CONSTRAINT "campaign_units_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collector_assignments" ADD CONSTRAINT "collector_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collector_assignments" ADD CONSTRAINT "collector_assignments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collector_assignments" ADD CONSTRAINT "collector_assignments_unit_id_campaign_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."campaign_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_unit_id_campaign_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."campaign_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_versions" ADD CONSTRAINT "questionnaire_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_unit_id_campaign_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."campaign_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_units" ADD CONSTRAINT "response_units_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_cache" ADD CONSTRAINT "score_cache_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answers_campaign" ON "answers" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_units_campaign" ON "campaign_units" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "invitations_campaign" ON "invitations" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "response_units_campaign" ON "response_units" USING btree ("campaign_id","unit_id","group_code");--> statement-breakpoint
CREATE INDEX "responses_campaign" ON "responses" USING btree ("campaign_id","received_at");