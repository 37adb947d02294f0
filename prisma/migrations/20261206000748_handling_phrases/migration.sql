-- CreateEnum
CREATE TYPE "HandlingPhraseKind" AS ENUM ('reject_reason', 'reply', 'return_reason', 'notice_requirement', 'close_note');

-- CreateTable
CREATE TABLE "handling_phrase" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "HandlingPhraseKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sort" INTEGER NOT NULL DEFAULT 100,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "handling_phrase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "handling_phrase_kind_sort_idx" ON "handling_phrase"("kind", "sort");
