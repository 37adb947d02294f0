-- AlterEnum
-- IF NOT EXISTS: the accounts branch (#12 part B) adds the same value; whichever migration runs second is a no-op.
ALTER TYPE "StaffRole" ADD VALUE IF NOT EXISTS 'auditor';
