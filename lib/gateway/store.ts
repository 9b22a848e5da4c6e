import type { TokenUsage } from "./usage/normalize-usage";

/**
 * What the gateway core needs from persistence. The core depends on this
 * interface only; lib/db implements it with Prisma, tests with memory.
 */

export interface Caller {
  userId: string;
  apiKeyId: string | null;
  /** False when the key is known to have no credit limit of its own, so a hold need not read it. */
  keyHasLimit?: boolean;
}

export type GenerationStatus = "success" | "error" | "cancelled";

/** An endpoint that failed before the one that served (or before the request gave up). */
export interface GenerationAttempt {
  providerId: string;
  model: string;
  /** The provider's HTTP status, or null when it could not be reached. */
  status: number | null;
  latencyMs: number;
  error: string;
}

/** One request that reached a provider, as recorded and billed. */
export interface GenerationRecord {
  id: string;
  userId: string;
  apiKeyId: string | null;
  requestedModel: string;
  model: string;
  providerId: string;
  providerName: string;
  providerModel: string;
  upstreamId: string | null;
  usage: TokenUsage;
  /** True when the provider reported no usage and it was counted by us. */
  usageEstimated: boolean;
  /** Served with the caller's own provider key: `costMicros` is the BYOK fee. */
  byok: boolean;
  costMicros: bigint;
  status: GenerationStatus;
  httpStatus: number | null;
  errorMessage: string | null;
  finishReason: string | null;
  nativeFinishReason: string | null;
  streamed: boolean;
  cancelled: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** Failed attempts at other endpoints first, in order; the record's provider is the last one tried. */
  attempts: GenerationAttempt[];
  createdAt: Date;
  completedAt: Date;
}

/** A generation's prompt (the messages, as JSON) and reply, for accounts that keep prompt logs. */
export interface GenerationContent {
  prompt: string;
  completion: string;
}

/** Credits reserved for one request until it settles. */
export interface CreditHold {
  /** The generation's id. */
  id: string;
  userId: string;
  apiKeyId: string | null;
  amountMicros: bigint;
  /** Set when the hold is a share of this instance's lease of the account's credits, held in memory. */
  leaseId?: string;
}

export interface HoldRequest {
  /** The generation's id, which the hold takes. */
  id: string;
  userId: string;
  apiKeyId: string | null;
  /** As on Caller: false skips reading the key's limit. */
  keyHasLimit?: boolean;
  /** The most the request can cost; less is held when less is available. */
  maxMicros: bigint;
}

export interface GatewayStore {
  /** The owner of an enabled API key, or null. `secret` is the key as the client sent it. */
  findCallerByApiKey(secret: string): Promise<Caller | null>;
  /** The balance derived from the ledger, in micro-dollars. */
  getBalanceMicros(userId: string): Promise<bigint>;
  /**
   * Reserves up to `maxMicros` of what the caller has available (balance less
   * other holds, and the key's remaining limit), atomically across instances.
   * Throws InsufficientCreditsError when nothing is available.
   */
  holdCredits(request: HoldRequest): Promise<CreditHold>;
  /**
   * Writes the generation and its ledger debit and releases its hold, all or
   * nothing, now or in the store's next batch (findGeneration sees it at once); with the prompt and reply too when the account logs prompts
   * (`content` is only called then).
   */
  recordGeneration(record: GenerationRecord, hold: CreditHold | null, content?: () => GenerationContent): Promise<void>;
  /**
   * Resolves once everything recorded so far is durable. recordGeneration
   * may return before (a store that writes in batches); call this before
   * writing rows that refer to a generation.
   */
  flush(): Promise<void>;
  /** A generation of the given user's, or null (also when it is someone else's). */
  findGeneration(input: { id: string; userId: string }): Promise<GenerationRecord | null>;
}
