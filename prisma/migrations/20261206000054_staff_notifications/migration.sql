-- CreateTable
CREATE TABLE "staff_notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "staff_notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_notification_user_id_created_at_idx" ON "staff_notification"("user_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "staff_notification_user_id_kind_subject_key" ON "staff_notification"("user_id", "kind", "subject");

-- AddForeignKey
ALTER TABLE "staff_notification" ADD CONSTRAINT "staff_notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
