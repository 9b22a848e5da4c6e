-- CreateTable
CREATE TABLE "EndpointHealthReport" (
    "instanceId" TEXT NOT NULL,
    "endpointKey" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "cooldownUntil" DATETIME,
    "requests" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "uptime" REAL NOT NULL,
    "timeToFirstTokenMs" REAL,
    "tokensPerSecond" REAL,
    "lastFailureAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("instanceId", "endpointKey")
);

-- CreateIndex
CREATE INDEX "EndpointHealthReport_updatedAt_idx" ON "EndpointHealthReport"("updatedAt");
