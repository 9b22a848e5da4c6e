-- CreateTable
CREATE TABLE "EndpointHealthReport" (
    "instanceId" TEXT NOT NULL,
    "endpointKey" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "cooldownUntil" TIMESTAMP(3),
    "requests" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "uptime" DOUBLE PRECISION NOT NULL,
    "timeToFirstTokenMs" DOUBLE PRECISION,
    "tokensPerSecond" DOUBLE PRECISION,
    "lastFailureAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndpointHealthReport_pkey" PRIMARY KEY ("instanceId","endpointKey")
);

-- CreateIndex
CREATE INDEX "EndpointHealthReport_updatedAt_idx" ON "EndpointHealthReport"("updatedAt");
