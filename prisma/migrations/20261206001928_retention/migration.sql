-- CreateTable
CREATE TABLE "retention_rule" (
    "key" TEXT NOT NULL,
    "years" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" TEXT,

    CONSTRAINT "retention_rule_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "report_legal_hold" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "placed_by_id" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "released_by_id" TEXT,
    "released_at" TIMESTAMPTZ(3),
    "release_reason" TEXT,

    CONSTRAINT "report_legal_hold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_legal_hold_report_id_placed_at_idx" ON "report_legal_hold"("report_id", "placed_at");

-- AddForeignKey
ALTER TABLE "report_legal_hold" ADD CONSTRAINT "report_legal_hold_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default (README, 保存期限): a finished report's sealed identity, contact and photos are kept 5 years.
INSERT INTO "retention_rule" ("key", "years") VALUES ('report_sealed_material', 5) ON CONFLICT DO NOTHING;
