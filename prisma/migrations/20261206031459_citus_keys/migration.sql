-- Keys Citus can enforce (docs/scaling.md, "Citus"): each holds the table's distribution column.

-- AlterTable: warnings carry their distribution column, item_key (the item, or '' for collision warnings)
ALTER TABLE "alert_warning" ADD COLUMN     "item_key" TEXT NOT NULL DEFAULT '';
UPDATE "alert_warning" SET "item_key" = coalesce("item_code", '') WHERE "item_code" IS NOT NULL;

-- DropIndex
DROP INDEX "alert_warning_identity_key_key";

-- AlterTable
ALTER TABLE "alert_warning" DROP CONSTRAINT "alert_warning_pkey",
ADD CONSTRAINT "alert_warning_pkey" PRIMARY KEY ("item_key", "id");

-- AlterTable
ALTER TABLE "service_case" DROP CONSTRAINT "service_case_pkey",
ADD CONSTRAINT "service_case_pkey" PRIMARY KEY ("item_code", "case_no");

-- CreateIndex
CREATE INDEX "alert_warning_id_idx" ON "alert_warning"("id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_warning_item_key_identity_key_key" ON "alert_warning"("item_key", "identity_key");

-- CreateIndex
CREATE UNIQUE INDEX "service_case_case_no_key" ON "service_case"("case_no");
