CREATE TABLE "held_ballots" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"ballot" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spent_invitations" (
	"invitation_id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "held_ballots" ADD CONSTRAINT "held_ballots_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spent_invitations" ADD CONSTRAINT "spent_invitations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;