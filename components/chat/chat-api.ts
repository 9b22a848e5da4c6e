import type {
  AccountSummary,
  ConversationDetail,
  ConversationSummary,
  CreateConversationBody,
  UpdateConversationBody,
} from "@/lib/chat/chat-contract";
import type { OpenRouterModel } from "@/lib/gateway/catalog/to-openrouter-models";

/** Query keys in one place so invalidation after a mutation can't miss a spelling. */
export const queryKeys = {
  conversations: ["conversations"] as const,
  conversation: (id: string) => ["conversations", id] as const,
  account: ["account"] as const,
  models: ["models"] as const,
};

/** An HTTP failure that keeps the status, so the UI can tell "sign in" from "try again". */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

/**
 * Turns whatever a failed route sent into a sentence: the routes answer with
 * OpenAI-shaped `{ error: { message } }`, but a proxy or crash may send text.
 */
export function readableErrorMessage(raw: string, status?: number): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && "error" in parsed) {
      const error = (parsed as { error: unknown }).error;
      if (typeof error === "string") return error;
      if (error && typeof error === "object" && "message" in error && typeof error.message === "string") return error.message;
    }
  } catch {
    // not JSON: fall through to the text itself
  }
  const text = raw.trim();
  if (text && text.length < 300 && !text.startsWith("<")) return text;
  if (status === 401) return "You are signed out. Sign in again to continue.";
  return status ? `The request failed (HTTP ${status}).` : "The request failed.";
}

async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}), ...init?.headers },
  });
  if (!response.ok) throw new RequestError(readableErrorMessage(await response.text(), response.status), response.status);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function fetchConversations(): Promise<ConversationSummary[]> {
  return (await requestJson<{ data: ConversationSummary[] }>("/api/conversations")).data;
}

export async function fetchConversation(id: string): Promise<ConversationDetail> {
  return (await requestJson<{ data: ConversationDetail }>(`/api/conversations/${encodeURIComponent(id)}`)).data;
}

export async function createConversation(body: CreateConversationBody): Promise<ConversationDetail> {
  return (await requestJson<{ data: ConversationDetail }>("/api/conversations", { method: "POST", body: JSON.stringify(body) })).data;
}

export async function updateConversation(id: string, body: UpdateConversationBody): Promise<ConversationDetail> {
  return (
    await requestJson<{ data: ConversationDetail }>(`/api/conversations/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: JSON.stringify(body),
    })
  ).data;
}

export async function deleteConversation(id: string): Promise<void> {
  await requestJson<undefined>(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export async function fetchAccount(): Promise<AccountSummary> {
  return (await requestJson<{ data: AccountSummary }>("/api/account")).data;
}

export async function fetchModels(): Promise<OpenRouterModel[]> {
  return (await requestJson<{ data: OpenRouterModel[] }>("/api/v1/models")).data;
}

export function exportUrl(conversationId: string, format: "markdown" | "json"): string {
  return `/api/conversations/${encodeURIComponent(conversationId)}/export?format=${format}`;
}
