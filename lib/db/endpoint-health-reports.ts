import "server-only";
import { z } from "zod";
import type { EndpointHealthReport, RemoteEndpointHealthReport } from "../gateway/routing/endpoint-health";
import type { EndpointHealthReportStore } from "../gateway/routing/share-endpoint-health";
import { getPrisma, type PrismaClient } from "./client";

/**
 * Endpoint health reports that app instances sharing one database publish for
 * each other (see lib/gateway/routing/share-endpoint-health.ts). Times cross
 * the database as DateTime and are wall-clock milliseconds on either side.
 */

/** Inserts or replaces one instance's reports, all stamped `updatedAt`, in one all-or-nothing batch. */
export async function publishEndpointHealthReports(options: {
  instanceId: string;
  reports: readonly EndpointHealthReport[];
  updatedAt: number;
  prisma?: PrismaClient;
}): Promise<void> {
  const { instanceId, reports, updatedAt, prisma = getPrisma() } = options;
  if (reports.length === 0) return;
  await prisma.$transaction(
    reports.map((report) => {
      const data = {
        state: report.state,
        cooldownUntil: toDate(report.cooldownUntil),
        requests: report.requests,
        failures: report.failures,
        uptime: report.uptime,
        timeToFirstTokenMs: report.timeToFirstTokenMs,
        tokensPerSecond: report.tokensPerSecond,
        lastFailureAt: toDate(report.lastFailureAt),
        updatedAt: new Date(updatedAt),
      };
      return prisma.endpointHealthReport.upsert({
        where: { instanceId_endpointKey: { instanceId, endpointKey: report.key } },
        create: { instanceId, endpointKey: report.key, ...data },
        update: data,
      });
    }),
  );
}

// Rows come from other instances, possibly running another version, so they
// are parsed rather than trusted; a row that does not parse is skipped.
const reportRowSchema = z.object({
  instanceId: z.string(),
  endpointKey: z.string(),
  state: z.enum(["closed", "open", "half-open"]),
  cooldownUntil: z.date().nullable(),
  requests: z.number().int().min(0),
  failures: z.number().int().min(0),
  uptime: z.number().min(0).max(1),
  timeToFirstTokenMs: z.number().min(0).nullable(),
  tokensPerSecond: z.number().min(0).nullable(),
  lastFailureAt: z.date().nullable(),
  updatedAt: z.date(),
});

/** Reports updated at or after `updatedSince`, from every instance but `excludeInstanceId`. */
export async function findFreshEndpointHealthReports(options: {
  excludeInstanceId: string;
  updatedSince: number;
  prisma?: PrismaClient;
}): Promise<RemoteEndpointHealthReport[]> {
  const { excludeInstanceId, updatedSince, prisma = getPrisma() } = options;
  const rows = await prisma.endpointHealthReport.findMany({
    where: { instanceId: { not: excludeInstanceId }, updatedAt: { gte: new Date(updatedSince) } },
  });
  return rows.flatMap((row) => {
    const parsed = reportRowSchema.safeParse(row);
    if (!parsed.success) {
      console.warn(`[health] skipped an unreadable report for ${row.endpointKey} from instance ${row.instanceId}: ${z.prettifyError(parsed.error)}`);
      return [];
    }
    const report = parsed.data;
    return [
      {
        instanceId: report.instanceId,
        key: report.endpointKey,
        state: report.state,
        cooldownUntil: report.cooldownUntil?.getTime() ?? null,
        requests: report.requests,
        failures: report.failures,
        uptime: report.uptime,
        timeToFirstTokenMs: report.timeToFirstTokenMs,
        tokensPerSecond: report.tokensPerSecond,
        lastFailureAt: report.lastFailureAt?.getTime() ?? null,
        updatedAt: report.updatedAt.getTime(),
      },
    ];
  });
}

/** Deletes reports last updated before `updatedBefore`; returns how many. */
export async function pruneEndpointHealthReports(options: { updatedBefore: number; prisma?: PrismaClient }): Promise<number> {
  const { updatedBefore, prisma = getPrisma() } = options;
  const { count } = await prisma.endpointHealthReport.deleteMany({ where: { updatedAt: { lt: new Date(updatedBefore) } } });
  return count;
}

/** The sharing loop's store on Prisma. */
export function createPrismaEndpointHealthReportStore(options: { prisma?: PrismaClient } = {}): EndpointHealthReportStore {
  const prisma = options.prisma ?? getPrisma();
  return {
    publish: (input) => publishEndpointHealthReports({ ...input, prisma }),
    readFresh: (input) => findFreshEndpointHealthReports({ ...input, prisma }),
    prune: async (input) => {
      await pruneEndpointHealthReports({ ...input, prisma });
    },
  };
}

function toDate(time: number | null): Date | null {
  return time === null ? null : new Date(time);
}
