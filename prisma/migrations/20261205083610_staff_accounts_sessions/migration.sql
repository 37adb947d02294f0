-- AlterEnum
-- IF NOT EXISTS: the access-control work adds the same role in its own migration; either may run first.
ALTER TYPE "StaffRole" ADD VALUE IF NOT EXISTS 'auditor';

-- AlterTable
ALTER TABLE "staff_user" DROP COLUMN "phone",
ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "phoneSealed" TEXT,
ADD COLUMN     "phoneTail" TEXT,
ADD COLUMN     "totpEnabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecretSealed" TEXT;

-- CreateTable
CREATE TABLE "staff_session" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "staff_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_password_history" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_password_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_recovery_code" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "staff_recovery_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_login_failure" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,

    CONSTRAINT "staff_login_failure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_login_lock" (
    "username" TEXT NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_login_lock_pkey" PRIMARY KEY ("username")
);

-- CreateTable
CREATE TABLE "staff_captcha" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "answerHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "staff_captcha_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_session_userId_idx" ON "staff_session"("userId");

-- CreateIndex
CREATE INDEX "staff_password_history_userId_createdAt_idx" ON "staff_password_history"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "staff_recovery_code_codeHash_key" ON "staff_recovery_code"("codeHash");

-- CreateIndex
CREATE INDEX "staff_recovery_code_userId_idx" ON "staff_recovery_code"("userId");

-- CreateIndex
CREATE INDEX "staff_login_failure_username_at_idx" ON "staff_login_failure"("username", "at");

-- AddForeignKey
ALTER TABLE "staff_session" ADD CONSTRAINT "staff_session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_password_history" ADD CONSTRAINT "staff_password_history_userId_fkey" FOREIGN KEY ("userId") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_recovery_code" ADD CONSTRAINT "staff_recovery_code_userId_fkey" FOREIGN KEY ("userId") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
