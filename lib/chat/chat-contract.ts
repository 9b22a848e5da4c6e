import type { UIMessage } from "ai";
import { z } from "zod";

/**
 * The contract between the chatroom in the browser and its routes. The
 * browser imports these types (and the schemas, for forms); the routes
 * validate with the same schemas.
 *
 * Routes (all need a signed-in session; a user sees only their own data):
 * - POST   /api/chat                         body ChatRequestBody → AI SDK UI message stream (SSE)
 * - GET    /api/conversations                → { data: ConversationSummary[] } (newest first)
 * - POST   /api/conversations                body CreateConversationBody → { data: ConversationDetail }
 * - GET    /api/conversations/{id}           → { data: ConversationDetail }
 * - PATCH  /api/conversations/{id}           body UpdateConversationBody → { data: ConversationDetail }
 * - DELETE /api/conversations/{id}           → 204
 * - GET    /api/conversations/{id}/export?format=markdown|json → file download
 * - GET    /api/account                      → { data: AccountSummary }
 * Models for the picker come from the public GET /api/v1/models.
 */

/** What every assistant reply carries, sent as message metadata when the reply ends. */
export interface ChatMessageMetadata {
  /** Canonical model id that answered, e.g. "simulated/swift-mini". */
  model?: string;
  /** Display name of the provider that served it, e.g. "Simulated". */
  provider?: string;
  generationId?: string;
  promptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
  /** Cost in dollars (for display); the exact micro-dollars are `costMicros`. */
  cost?: number;
  costMicros?: string;
  timeToFirstTokenMs?: number | null;
  latencyMs?: number;
  /** Completion tokens per second after the first token. */
  tokensPerSecond?: number | null;
  finishReason?: string | null;
  /** complete, stopped (by the user), or error (with `errorMessage` in words a person understands). */
  status?: "complete" | "stopped" | "error";
  errorMessage?: string;
  /** When the message was created, ISO 8601. */
  createdAt?: string;
}

export type ChatUIMessage = UIMessage<ChatMessageMetadata>;

export const conversationSettingsSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().max(1_000_000).optional(),
});
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;

/** A column of the room: one model answering in its own thread. */
export const slotSchema = z.object({
  id: z.string().min(1).max(64),
  model: z.string().min(1).max(256),
});
export type Slot = z.infer<typeof slotSchema>;

/** UI message parts are checked for shape here and rebuilt on the server; unknown part types are refused. */
const messagePartSchema = z.looseObject({ type: z.string().min(1).max(64) });

export const chatUIMessageSchema = z.object({
  id: z.string().min(1).max(128),
  role: z.enum(["system", "user", "assistant"]),
  parts: z.array(messagePartSchema).max(1000),
  metadata: z.unknown().optional(),
});

export const chatRequestBodySchema = z.object({
  conversationId: z.string().min(1).max(64),
  slotId: z.string().min(1).max(64),
  model: z.string().min(1).max(256),
  /** This column's whole thread, the new user message last (or the thread to regenerate). */
  messages: z.array(chatUIMessageSchema).min(1).max(500),
  systemPrompt: z.string().max(100_000).optional(),
  settings: conversationSettingsSchema.optional(),
});
export type ChatRequestBody = z.infer<typeof chatRequestBodySchema>;

export const createConversationBodySchema = z.object({
  title: z.string().max(200).optional(),
  slots: z.array(slotSchema).min(1).max(12),
  systemPrompt: z.string().max(100_000).optional(),
  settings: conversationSettingsSchema.optional(),
});
export type CreateConversationBody = z.infer<typeof createConversationBodySchema>;

export const updateConversationBodySchema = z.object({
  title: z.string().min(1).max(200).optional(),
  slots: z.array(slotSchema).min(1).max(12).optional(),
  systemPrompt: z.string().max(100_000).nullable().optional(),
  settings: conversationSettingsSchema.optional(),
});
export type UpdateConversationBody = z.infer<typeof updateConversationBodySchema>;

export interface ConversationSummary {
  id: string;
  title: string;
  models: string[];
  updatedAt: string;
}

export interface ConversationDetail {
  id: string;
  title: string;
  systemPrompt: string | null;
  settings: ConversationSettings;
  slots: Slot[];
  /** Each column's thread, oldest first, keyed by slot id. */
  threads: Record<string, ChatUIMessage[]>;
  /** Sum of the cost of every reply in the conversation, in dollars. */
  totalCost: number;
  createdAt: string;
  updatedAt: string;
}

export interface AccountSummary {
  email: string | null;
  name: string | null;
  isAdmin: boolean;
  /** Balance in dollars (display); exact micro-dollars in `balanceMicros`. */
  balance: number;
  balanceMicros: string;
  /** Reserved by requests still running, in micro-dollars. */
  heldMicros: string;
  /** Whether credits can be bought by card here (Stripe is set up). */
  paymentsEnabled: boolean;
}
