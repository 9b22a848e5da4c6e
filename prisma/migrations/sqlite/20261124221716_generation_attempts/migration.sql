-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Generation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "requestedModel" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "providerName" TEXT NOT NULL,
    "providerModel" TEXT NOT NULL,
    "upstreamId" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "usageEstimated" BOOLEAN NOT NULL DEFAULT false,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "errorMessage" TEXT,
    "finishReason" TEXT,
    "nativeFinishReason" TEXT,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "latencyMs" INTEGER,
    "timeToFirstTokenMs" INTEGER,
    "attempts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "Generation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Generation_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Generation" ("apiKeyId", "cacheWriteTokens", "cachedTokens", "cancelled", "completedAt", "completionTokens", "costMicros", "createdAt", "errorMessage", "finishReason", "httpStatus", "id", "latencyMs", "model", "nativeFinishReason", "promptTokens", "providerId", "providerModel", "providerName", "reasoningTokens", "requestedModel", "status", "streamed", "timeToFirstTokenMs", "upstreamId", "usageEstimated", "userId") SELECT "apiKeyId", "cacheWriteTokens", "cachedTokens", "cancelled", "completedAt", "completionTokens", "costMicros", "createdAt", "errorMessage", "finishReason", "httpStatus", "id", "latencyMs", "model", "nativeFinishReason", "promptTokens", "providerId", "providerModel", "providerName", "reasoningTokens", "requestedModel", "status", "streamed", "timeToFirstTokenMs", "upstreamId", "usageEstimated", "userId" FROM "Generation";
DROP TABLE "Generation";
ALTER TABLE "new_Generation" RENAME TO "Generation";
CREATE INDEX "Generation_userId_createdAt_idx" ON "Generation"("userId", "createdAt");
CREATE INDEX "Generation_apiKeyId_createdAt_idx" ON "Generation"("apiKeyId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
