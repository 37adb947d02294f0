-- AlterTable
ALTER TABLE "alert_model" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "alert_warning" ADD COLUMN     "model_version" INTEGER;

-- CreateTable
CREATE TABLE "alert_model_version" (
    "model" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "start_stage" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_model_version_pkey" PRIMARY KEY ("model","version")
);

-- AddForeignKey
ALTER TABLE "alert_model_version" ADD CONSTRAINT "alert_model_version_model_fkey" FOREIGN KEY ("model") REFERENCES "alert_model"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_warning" ADD CONSTRAINT "alert_warning_model_model_version_fkey" FOREIGN KEY ("model", "model_version") REFERENCES "alert_model_version"("model", "version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Back-fill: each existing model's definition becomes its version 1, and the warnings it raised point at it.
INSERT INTO "alert_model_version" ("model", "version", "kind", "title", "enabled", "start_stage", "params", "created_at")
SELECT "name", 1, "kind", "title", "enabled", "start_stage", "params", "updated_at" FROM "alert_model";
UPDATE "alert_warning" w SET "model_version" = 1 WHERE EXISTS (SELECT 1 FROM "alert_model" m WHERE m."name" = w."model");

-- A version is history: an edit adds the next version, it never changes one (deleting a model still removes its versions).
CREATE FUNCTION alert_model_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'alert_model_version 不可修改：修改模型请保存为新版本' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER alert_model_version_immutable BEFORE UPDATE ON "alert_model_version" FOR EACH ROW EXECUTE FUNCTION alert_model_version_immutable();
