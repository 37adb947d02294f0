-- CreateTable
CREATE TABLE "report_data_key" (
    "report_id" UUID NOT NULL,
    "suite" TEXT NOT NULL,
    "master_key_id" TEXT,
    "wrapped_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "destroyed_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_data_key_pkey" PRIMARY KEY ("report_id")
);

-- CreateTable
CREATE TABLE "crypto_setting" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crypto_setting_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "report_data_key_master_key_id_idx" ON "report_data_key"("master_key_id");

-- AddForeignKey
ALTER TABLE "report_data_key" ADD CONSTRAINT "report_data_key_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A database that already holds data made its keyed hashes (citizen subject hashes, query codes, QR signatures) with
-- HMAC-SHA-256, the only algorithm before suites: record it, so switching SEAL_SUITE to 国密 cannot orphan them. A new
-- database has no row here and takes its suite's algorithm at first start (server/src/plugins/sealer.ts).
INSERT INTO "crypto_setting" ("name", "value")
SELECT 'keyed_hash', 'hmac-sha256'
WHERE EXISTS (SELECT 1 FROM "staff_user") OR EXISTS (SELECT 1 FROM "citizen") OR EXISTS (SELECT 1 FROM "report") OR EXISTS (SELECT 1 FROM "scene");
