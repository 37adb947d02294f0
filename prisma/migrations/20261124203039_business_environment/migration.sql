-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'open', 'closed');

-- CreateEnum
CREATE TYPE "EvaluationTargetType" AS ENUM ('service_item', 'unit');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('pending', 'upheld', 'rejected');

-- CreateEnum
CREATE TYPE "ComplaintKind" AS ENUM ('bad_rating', 'complaint');

-- Invite codes: 8 characters without look-alikes (0/O, 1/I), volatile so every row gets its own.
CREATE FUNCTION business_invite_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 1 + floor(random() * 32)::int, 1), '')
  FROM generate_series(1, 8)
$$;

-- AlterTable
ALTER TABLE "monitoring_point" ADD COLUMN     "invite_code" TEXT NOT NULL DEFAULT business_invite_code();

-- CreateTable
CREATE TABLE "enterprise" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "credit_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "monitoring_point_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enterprise_member" (
    "citizen_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "contact_name_sealed" TEXT NOT NULL,
    "contact_phone_sealed" TEXT NOT NULL,
    "phone_tail" TEXT NOT NULL,
    "bound_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enterprise_member_pkey" PRIMARY KEY ("citizen_id")
);

-- CreateTable
CREATE TABLE "evaluation_campaign" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_point" (
    "campaign_id" UUID NOT NULL,
    "monitoring_point_id" UUID NOT NULL,

    CONSTRAINT "campaign_point_pkey" PRIMARY KEY ("campaign_id","monitoring_point_id")
);

-- CreateTable
CREATE TABLE "campaign_unit" (
    "campaign_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,

    CONSTRAINT "campaign_unit_pkey" PRIMARY KEY ("campaign_id","unit_id")
);

-- CreateTable
CREATE TABLE "campaign_item" (
    "campaign_id" UUID NOT NULL,
    "service_item_id" UUID NOT NULL,

    CONSTRAINT "campaign_item_pkey" PRIMARY KEY ("campaign_id","service_item_id")
);

-- CreateTable
CREATE TABLE "evaluation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "campaign_id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "target_type" "EvaluationTargetType" NOT NULL,
    "target_id" UUID NOT NULL,
    "service_item_id" UUID,
    "unit_id" UUID NOT NULL,
    "monitoring_point_id" UUID,
    "level" INTEGER NOT NULL,
    "efficiency" INTEGER,
    "attitude" INTEGER,
    "policy" INTEGER,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_appeal" (
    "evaluation_id" UUID NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL,
    "filed_by_id" TEXT NOT NULL,
    "filed_by_role" TEXT NOT NULL,
    "filed_at" TIMESTAMPTZ(3) NOT NULL,
    "review_reason" TEXT,
    "reviewed_by_id" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),

    CONSTRAINT "evaluation_appeal_pkey" PRIMARY KEY ("evaluation_id")
);

-- CreateTable
CREATE TABLE "business_complaint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "ComplaintKind" NOT NULL,
    "category" TEXT NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "citizen_id" UUID NOT NULL,
    "evaluation_id" UUID,
    "target_type" "EvaluationTargetType" NOT NULL,
    "target_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "monitoring_point_id" UUID,
    "report_id" UUID NOT NULL,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "business_complaint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "enterprise_credit_code_key" ON "enterprise"("credit_code");

-- CreateIndex
CREATE INDEX "enterprise_monitoring_point_id_idx" ON "enterprise"("monitoring_point_id");

-- CreateIndex
CREATE INDEX "enterprise_member_enterprise_id_idx" ON "enterprise_member"("enterprise_id");

-- CreateIndex
CREATE INDEX "evaluation_campaign_status_starts_on_idx" ON "evaluation_campaign"("status", "starts_on");

-- CreateIndex
CREATE INDEX "evaluation_unit_id_created_at_idx" ON "evaluation"("unit_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluation_monitoring_point_id_created_at_idx" ON "evaluation"("monitoring_point_id", "created_at");

-- CreateIndex
CREATE INDEX "evaluation_created_at_idx" ON "evaluation"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_campaign_id_enterprise_id_target_type_target_id_key" ON "evaluation"("campaign_id", "enterprise_id", "target_type", "target_id");

-- CreateIndex
CREATE INDEX "evaluation_appeal_status_idx" ON "evaluation_appeal"("status");

-- CreateIndex
CREATE UNIQUE INDEX "business_complaint_evaluation_id_key" ON "business_complaint"("evaluation_id");

-- CreateIndex
CREATE UNIQUE INDEX "business_complaint_report_id_key" ON "business_complaint"("report_id");

-- CreateIndex
CREATE INDEX "business_complaint_unit_id_created_at_idx" ON "business_complaint"("unit_id", "created_at");

-- CreateIndex
CREATE INDEX "business_complaint_created_at_idx" ON "business_complaint"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "business_complaint_citizen_id_idempotency_key_key" ON "business_complaint"("citizen_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "monitoring_point_invite_code_key" ON "monitoring_point"("invite_code");

-- AddForeignKey
ALTER TABLE "enterprise" ADD CONSTRAINT "enterprise_monitoring_point_id_fkey" FOREIGN KEY ("monitoring_point_id") REFERENCES "monitoring_point"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enterprise_member" ADD CONSTRAINT "enterprise_member_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_point" ADD CONSTRAINT "campaign_point_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "evaluation_campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_point" ADD CONSTRAINT "campaign_point_monitoring_point_id_fkey" FOREIGN KEY ("monitoring_point_id") REFERENCES "monitoring_point"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_unit" ADD CONSTRAINT "campaign_unit_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "evaluation_campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_item" ADD CONSTRAINT "campaign_item_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "evaluation_campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_item" ADD CONSTRAINT "campaign_item_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "evaluation_campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_service_item_id_fkey" FOREIGN KEY ("service_item_id") REFERENCES "service_item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation_appeal" ADD CONSTRAINT "evaluation_appeal_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_complaint" ADD CONSTRAINT "business_complaint_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Enterprise cases are reports of these categories (reply deadline configurable like any category).
INSERT INTO "report_category" ("code", "name", "reply_days", "sort") VALUES
  ('business_bad_rating', '营商环境差评', 15, 20),
  ('business_complaint', '企业投诉', 15, 21)
ON CONFLICT ("code") DO NOTHING;
