-- CreateTable
CREATE TABLE "alert_import" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "dataset" TEXT,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_bytes" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected_sample" JSONB NOT NULL DEFAULT '[]',
    "imported_by" UUID,
    "via" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "alert_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_setting" (
    "name" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_setting_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "alert_import_kind_dataset_started_at_idx" ON "alert_import"("kind", "dataset", "started_at");

-- CreateIndex
CREATE INDEX "alert_import_started_at_idx" ON "alert_import"("started_at");
