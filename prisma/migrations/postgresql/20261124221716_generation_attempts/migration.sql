-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "attempts" TEXT NOT NULL DEFAULT '[]';
