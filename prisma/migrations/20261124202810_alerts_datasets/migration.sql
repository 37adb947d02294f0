-- AlterTable
ALTER TABLE "alert_run" ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'manual';

-- CreateTable
CREATE TABLE "alert_dataset" (
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "key_column" TEXT NOT NULL,
    "resident_id_column" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_dataset_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "alert_dataset_row" (
    "dataset" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "resident_id" TEXT,
    "values" JSONB NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_dataset_row_pkey" PRIMARY KEY ("dataset","key")
);

-- CreateIndex
CREATE INDEX "alert_dataset_row_dataset_resident_id_idx" ON "alert_dataset_row"("dataset", "resident_id");

-- AddForeignKey
ALTER TABLE "alert_dataset_row" ADD CONSTRAINT "alert_dataset_row_dataset_fkey" FOREIGN KEY ("dataset") REFERENCES "alert_dataset"("name") ON DELETE CASCADE ON UPDATE CASCADE;
