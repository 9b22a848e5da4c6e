import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "./client";
import { getCreditSummary, type TransactionClient } from "./credit-ledger";

/** A lease row outlives a pause in renewals by this much; one left by an instance that died is released after it. */
export const LEASE_LIFETIME_MS = 60_000;
/** A lease no request has used for this long goes back to the account. */
const LEASE_IDLE_MS = 2_000;
/** A lease is topped up to cover at least this many requests like the one that asked... */
const LEASE_REQUESTS = 32n;
/** ...at least doubles each time... */
const LEASE_GROWTH = 2n;
/** ...and covers this long at the rate requests reserved since the last top-up, so a busy account tops up rarely. */
const LEASE_COVER_MS = 2_000;

/**
 * Credits this instance holds for one account in a single CreditHold row,
 * and shares out to that account's requests in memory.
 */
interface Lease {
  id: string;
  userId: string;
  /** The lease row's amount: what CreditAccount.heldMicros counts for it. */
  heldMicros: bigint;
  /** Held by requests in flight. */
  reservedMicros: bigint;
  /** The cost of settled requests not yet written to the database. */
  unflushedMicros: bigint;
  lastUsedAt: number;
  /** Reserved since `windowStartedAt` (the last top-up): how fast the account spends here. */
  windowReservedMicros: bigint;
  windowStartedAt: number;
}

/** A request's share of a lease. */
export interface LeaseShare {
  leaseId: string;
  amountMicros: bigint;
}

/** What a batch of settlements does to this instance's leases, applied once it is written. */
export interface LeaseFlush {
  leaseId: string;
  userId: string;
  /** Settled cost in the batch. */
  spentMicros: bigint;
  /** How much the lease row (and the account's held credits) shrink: the spent cost, up to what the lease holds. */
  releaseMicros: bigint;
}

/**
 * Holds without a database round trip. Each instance leases part of an
 * account's available credits (a CreditHold row, taken under the account
 * row's lock like any hold), and requests reserve their maximum cost from the
 * lease in memory. Settled costs are written in batches, which shrink the
 * lease by what was spent; an idle lease goes back to the account.
 *
 * A lease never takes more than half of what is available, so other
 * instances can lease too; a request that a lease cannot cover (small
 * balances, large requests) is held directly, exactly as before. The sum of
 * all holds, leases included, never exceeds the balance, so leasing adds
 * nothing to the overspending bound (see holdableMicros).
 *
 * Lease rows expire LEASE_LIFETIME_MS after their last renewal; renewals
 * happen with every flush and every LEASE_LIFETIME_MS / 4. An instance that
 * dies leaves its leases to the expiry sweep.
 */
export function createCreditLeases(options: { prisma: PrismaClient; now?: () => number }) {
  const { prisma } = options;
  const now = options.now ?? Date.now;
  const leases = new Map<string, Lease>();
  /** One top-up at a time per account. */
  const pendingTopUps = new Map<string, Promise<boolean>>();

  const free = (lease: Lease) => lease.heldMicros - lease.reservedMicros - lease.unflushedMicros;

  /** Grows the account's lease by at least `needMicros` under the account's lock; false when that would take more than half of what is available. */
  async function topUp(userId: string, needMicros: bigint): Promise<boolean> {
    const existing = leases.get(userId);
    const id = existing?.id ?? `lease_${randomUUID()}`;
    const granted = await prisma.$transaction(async (transaction) => {
      const locked = await transaction.$executeRaw`UPDATE "CreditAccount" SET "heldMicros" = "heldMicros" WHERE "userId" = ${userId}`;
      if (locked === 0) return null;
      const { balanceMicros, heldMicros } = await getCreditSummary({ prisma: transaction, userId });
      const half = (balanceMicros - heldMicros) / 2n;
      if (half < needMicros) return null;
      const current = existing?.heldMicros ?? 0n;
      const byRequests = needMicros * LEASE_REQUESTS;
      const byGrowth = current * (LEASE_GROWTH - 1n);
      const elapsed = existing ? Math.max(1, now() - existing.windowStartedAt) : 1;
      const byRate = existing ? (existing.windowReservedMicros * BigInt(LEASE_COVER_MS)) / BigInt(elapsed) : 0n;
      let wanted = byRequests > byGrowth ? byRequests : byGrowth;
      if (byRate > wanted) wanted = byRate;
      const amount = wanted < half ? wanted : half;
      const expiresAt = new Date(now() + LEASE_LIFETIME_MS);
      if (existing) {
        const { count } = await transaction.creditHold.updateMany({ where: { id }, data: { amountMicros: { increment: amount }, expiresAt } });
        // The expiry sweep took it (renewals failed for a minute): forget it; the next top-up starts a new one.
        if (count === 0) return "gone" as const;
      } else {
        await transaction.creditHold.create({ data: { id, userId, apiKeyId: null, amountMicros: amount, expiresAt } });
      }
      await transaction.creditAccount.update({ where: { userId }, data: { heldMicros: { increment: amount } } });
      return amount;
    });
    if (granted === "gone") {
      if (leases.get(userId) === existing) leases.delete(userId);
      return false;
    }
    if (granted === null) {
      if (existing && leases.get(userId) === existing && existing.reservedMicros === 0n && existing.unflushedMicros === 0n) {
        // Nothing of it is in use: give the rest back so a direct hold can use it.
        await release(existing);
      }
      return false;
    }
    const lease = leases.get(userId);
    if (lease && lease.id === id) {
      lease.heldMicros += granted;
      lease.windowReservedMicros = 0n;
      lease.windowStartedAt = now();
    } else {
      const time = now();
      leases.set(userId, { id, userId, heldMicros: granted, reservedMicros: 0n, unflushedMicros: 0n, lastUsedAt: time, windowReservedMicros: 0n, windowStartedAt: time });
    }
    return true;
  }

  async function release(lease: Lease): Promise<void> {
    if (leases.get(lease.userId) === lease) leases.delete(lease.userId);
    await prisma.$transaction(async (transaction) => {
      const { count } = await transaction.creditHold.deleteMany({ where: { id: lease.id } });
      if (count === 1) await transaction.creditAccount.update({ where: { userId: lease.userId }, data: { heldMicros: { decrement: lease.heldMicros } } });
    });
  }

  return {
    /**
     * Reserves `maxMicros` for one request from the account's lease, topping
     * the lease up when it runs short; null when a lease cannot cover it and
     * the request must be held directly.
     */
    async reserve(userId: string, maxMicros: bigint): Promise<LeaseShare | null> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const lease = leases.get(userId);
        if (lease && free(lease) >= maxMicros) {
          lease.reservedMicros += maxMicros;
          lease.windowReservedMicros += maxMicros;
          lease.lastUsedAt = now();
          // Running low: top up in the background, before a request has to wait for it.
          if (free(lease) < lease.heldMicros / 2n && !pendingTopUps.has(userId)) {
            const started = topUp(userId, maxMicros)
              .catch((error: unknown) => {
                console.warn("[billing] could not top up a credit lease:", error);
                return false;
              })
              .finally(() => pendingTopUps.delete(userId));
            pendingTopUps.set(userId, started);
          }
          return { leaseId: lease.id, amountMicros: maxMicros };
        }
        // One top-up at a time per account; the others wait for it and look again.
        const pending = pendingTopUps.get(userId);
        if (pending) {
          if (!(await pending)) return null;
          continue;
        }
        const shortfall = lease ? maxMicros - free(lease) : maxMicros;
        const started = topUp(userId, shortfall).finally(() => pendingTopUps.delete(userId));
        pendingTopUps.set(userId, started);
        if (!(await started)) return null;
      }
      return null;
    },

    /** A request on a lease ended: its reservation goes, its cost waits for the next flush. */
    settle(share: LeaseShare, userId: string, costMicros: bigint): void {
      const lease = leases.get(userId);
      if (!lease || lease.id !== share.leaseId) return;
      lease.reservedMicros -= share.amountMicros;
      lease.unflushedMicros += costMicros;
      lease.lastUsedAt = now();
    },

    /** Plans what writing `spent` (settled cost per lease id) does to the lease rows. */
    planFlush(spent: Map<string, { userId: string; spentMicros: bigint }>): LeaseFlush[] {
      return [...spent].map(([leaseId, { userId, spentMicros }]) => {
        const lease = leases.get(userId);
        const held = lease && lease.id === leaseId ? lease.heldMicros : 0n;
        return { leaseId, userId, spentMicros, releaseMicros: spentMicros < held ? spentMicros : held };
      });
    },

    /** Shrinks the lease rows in the batch's transaction; returns the flushes whose lease row is gone (nothing released for them). */
    async writeFlush(transaction: TransactionClient, flushes: LeaseFlush[]): Promise<Set<string>> {
      const gone = new Set<string>();
      const expiresAt = new Date(now() + LEASE_LIFETIME_MS);
      for (const flush of flushes) {
        const { count } = await transaction.creditHold.updateMany({ where: { id: flush.leaseId }, data: { amountMicros: { decrement: flush.releaseMicros }, expiresAt } });
        if (count === 0) gone.add(flush.leaseId);
      }
      return gone;
    },

    /** After the batch is written: the leases hold less and owe nothing for it. */
    applyFlush(flushes: LeaseFlush[], gone: Set<string>): void {
      for (const flush of flushes) {
        const lease = leases.get(flush.userId);
        if (!lease || lease.id !== flush.leaseId) continue;
        if (gone.has(flush.leaseId)) {
          leases.delete(flush.userId);
          continue;
        }
        lease.heldMicros -= flush.releaseMicros;
        lease.unflushedMicros -= flush.spentMicros;
      }
    },

    /** Gives idle leases back and renews the rest; run every second or so. */
    async maintain(options: { renew: boolean }): Promise<void> {
      const time = now();
      const active: string[] = [];
      for (const lease of [...leases.values()]) {
        if (lease.reservedMicros === 0n && lease.unflushedMicros === 0n && time - lease.lastUsedAt > LEASE_IDLE_MS && !pendingTopUps.has(lease.userId)) {
          await release(lease);
        } else {
          active.push(lease.id);
        }
      }
      if (options.renew && active.length > 0) {
        await prisma.creditHold.updateMany({ where: { id: { in: active } }, data: { expiresAt: new Date(time + LEASE_LIFETIME_MS) } });
      }
    },

    /** Gives every lease back (on shutdown, after the last flush). */
    async releaseAll(): Promise<void> {
      for (const lease of [...leases.values()]) await release(lease);
    },
  };
}

export type CreditLeases = ReturnType<typeof createCreditLeases>;
