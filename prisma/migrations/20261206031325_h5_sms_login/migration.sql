-- AlterTable
ALTER TABLE "citizen" ADD COLUMN     "phone_sealed" TEXT;

-- CreateTable
CREATE TABLE "sms_code" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "phone_hash" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "used_at" TIMESTAMPTZ(3),
    "burnt_at" TIMESTAMPTZ(3),

    CONSTRAINT "sms_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_captcha" (
    "id" UUID NOT NULL,
    "answer_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "sms_captcha_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sms_code_phone_hash_created_at_idx" ON "sms_code"("phone_hash", "created_at");

-- CreateIndex
CREATE INDEX "sms_captcha_expires_at_idx" ON "sms_captcha"("expires_at");
