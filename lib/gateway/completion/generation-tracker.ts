import type { ChatCompletion, ChatCompletionChunk } from "../chat-types";
import type { Endpoint } from "../catalog/create-catalog";
import type { ChatCompletionRequest } from "../schema/chat-completion-request";
import type { Caller, GenerationAttempt, GenerationContent, GenerationRecord, GenerationStatus } from "../store";
import { applyByokFee, computeCost, type CostBreakdown } from "../usage/compute-cost";
import { estimateUsage } from "../usage/estimate-usage";
import { normalizeUsage, ZERO_USAGE, type TokenUsage } from "../usage/normalize-usage";

/**
 * Whether a chunk is part of the answer: text, reasoning, a tool call or a
 * finish reason. A role-only opening chunk or a usage chunk is not.
 */
export function chunkCarriesOutput(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some((choice) => {
    if (choice.finish_reason) return true;
    const delta = choice.delta;
    return Boolean(delta && (delta.content || delta.reasoning || delta.refusal || delta.tool_calls?.length));
  });
}

export interface GenerationOutcome {
  status: GenerationStatus;
  httpStatus?: number | null;
  errorMessage?: string | null;
}

export interface FinishedGeneration {
  record: GenerationRecord;
  cost: CostBreakdown;
}

/**
 * Follows one generation from the first byte to the end and turns what it
 * saw into the record that is stored and billed. `finish` is idempotent: the
 * first outcome wins, so a generation is billed exactly once however it ends
 * (completed, broken, cancelled, or several of these racing).
 */
export class GenerationTracker {
  readonly id: string;
  /** The endpoint being tried; it changes when the gateway falls back to another. */
  endpoint: Endpoint;
  readonly streamed: boolean;
  readonly startedAt: number;
  firstTokenAt: number | null = null;
  private upstreamId: string | null = null;
  private finishReason: string | null = null;
  private nativeFinishReason: string | null = null;
  private reportedUsage: TokenUsage | undefined;
  /** What the provider sent, kept apart so the reply can be logged without the reasoning. */
  private contentText = "";
  private reasoningText = "";
  private toolText = "";
  /** Whether the provider sent anything at all; a request it refused costs nothing. */
  private responded = false;
  private finished: FinishedGeneration | undefined;
  private readonly attempts: GenerationAttempt[] = [];

  constructor(
    private readonly init: {
      id: string;
      caller: Caller;
      request: ChatCompletionRequest;
      endpoint: Endpoint;
      streamed: boolean;
      startedAt: number;
      now: () => number;
      /** Share of the price billed for requests served with the caller's own key, in percent. */
      byokFeePercent?: number;
    },
  ) {
    this.id = init.id;
    this.endpoint = init.endpoint;
    this.streamed = init.streamed;
    this.startedAt = init.startedAt;
  }

  /** Notes a failed attempt at the current endpoint and moves on to the next. */
  fallBack(to: Endpoint, failure: Omit<GenerationAttempt, "providerId" | "model">): void {
    this.attempts.push({ providerId: this.endpoint.provider.id, model: this.endpoint.model.id, ...failure });
    this.endpoint = to;
  }

  get isFinished(): boolean {
    return this.finished !== undefined;
  }

  observeChunk(chunk: ChatCompletionChunk): void {
    this.responded = true;
    this.upstreamId ??= typeof chunk.id === "string" ? chunk.id : null;
    for (const choice of chunk.choices) {
      const delta = choice.delta;
      if (delta) {
        const content = delta.content ?? "";
        const reasoning = delta.reasoning ?? "";
        let toolText = "";
        if (delta.tool_calls) {
          for (const call of delta.tool_calls) toolText += (call.function?.name ?? "") + (call.function?.arguments ?? "");
        }
        if ((content || reasoning || toolText) && this.firstTokenAt === null) this.firstTokenAt = this.init.now();
        this.contentText += content;
        this.reasoningText += reasoning;
        this.toolText += toolText;
      }
      if (choice.finish_reason) {
        this.finishReason = choice.finish_reason;
        const native = choice.native_finish_reason;
        this.nativeFinishReason = typeof native === "string" ? native : choice.finish_reason;
      }
    }
    if (chunk.usage) this.reportedUsage = normalizeUsage(chunk.usage);
  }

  observeCompletion(completion: ChatCompletion): void {
    this.responded = true;
    this.upstreamId = typeof completion.id === "string" ? completion.id : null;
    this.firstTokenAt = this.init.now();
    const choice = completion.choices[0];
    if (choice) {
      this.finishReason = choice.finish_reason;
      const native = choice.native_finish_reason;
      this.nativeFinishReason = typeof native === "string" ? native : choice.finish_reason;
      const message = choice.message;
      this.contentText = message.content ?? "";
      this.reasoningText = message.reasoning ?? "";
      for (const call of message.tool_calls ?? []) this.toolText += call.function.name + call.function.arguments;
    }
    this.reportedUsage = normalizeUsage(completion.usage);
  }

  /** The usage to bill: the provider's when it reported one, else our count of what was seen. */
  private usage(outcome: GenerationOutcome): { usage: TokenUsage; estimated: boolean } {
    if (this.reportedUsage) return { usage: this.reportedUsage, estimated: false };
    if (outcome.status === "error" && !this.responded) return { usage: ZERO_USAGE, estimated: false };
    return { usage: estimateUsage(this.init.request, this.contentText + this.reasoningText + this.toolText), estimated: true };
  }

  /** The prompt and the reply as a prompt log keeps them (only for accounts that turned logging on). */
  loggedContent(): GenerationContent {
    const completion = this.toolText ? `${this.contentText}${this.contentText ? "\n\n" : ""}[tool calls] ${this.toolText}` : this.contentText;
    return { prompt: JSON.stringify(this.init.request.messages, null, 2), completion };
  }

  finish(outcome: GenerationOutcome): FinishedGeneration {
    if (this.finished) return this.finished;
    const now = this.init.now();
    const { usage, estimated } = this.usage(outcome);
    const listCost = computeCost(this.endpoint.model.pricing, usage);
    const byok = this.endpoint.byok === true;
    const cost = byok ? { ...listCost, totalMicros: applyByokFee(listCost.totalMicros, this.init.byokFeePercent ?? 0) } : listCost;
    const cancelled = outcome.status === "cancelled";
    const record: GenerationRecord = {
      id: this.id,
      userId: this.init.caller.userId,
      apiKeyId: this.init.caller.apiKeyId,
      requestedModel: this.init.request.model,
      model: this.endpoint.model.id,
      providerId: this.endpoint.provider.id,
      providerName: this.endpoint.provider.name,
      providerModel: this.endpoint.model.providerModelId,
      upstreamId: this.upstreamId,
      usage,
      usageEstimated: estimated,
      byok,
      costMicros: cost.totalMicros,
      status: outcome.status,
      httpStatus: outcome.httpStatus ?? null,
      errorMessage: outcome.errorMessage ?? null,
      finishReason: cancelled ? (this.finishReason ?? "cancelled") : this.finishReason,
      nativeFinishReason: this.nativeFinishReason,
      streamed: this.streamed,
      cancelled,
      latencyMs: Math.max(0, Math.round(now - this.startedAt)),
      timeToFirstTokenMs: this.firstTokenAt === null ? null : Math.max(0, Math.round(this.firstTokenAt - this.startedAt)),
      attempts: [...this.attempts],
      createdAt: new Date(Date.now() - (now - this.startedAt)),
      completedAt: new Date(),
    };
    this.finished = { record, cost };
    return this.finished;
  }
}
