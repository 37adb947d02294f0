-- CreateTable
CREATE TABLE "report_serial_counter" (
    "prefix" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "report_serial_counter_pkey" PRIMARY KEY ("prefix")
);
