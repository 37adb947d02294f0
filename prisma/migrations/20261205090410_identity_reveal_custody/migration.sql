-- CreateEnum
CREATE TYPE "IdentityRevealStatus" AS ENUM ('pending', 'approved', 'refused');

-- CreateTable
CREATE TABLE "identity_reveal_request" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "requester_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "IdentityRevealStatus" NOT NULL DEFAULT 'pending',
    "decider_id" TEXT,
    "decision_note" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "identity_reveal_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "identity_reveal_request_report_id_created_at_idx" ON "identity_reveal_request"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "identity_reveal_request_status_created_at_idx" ON "identity_reveal_request"("status", "created_at");
