import type { ApiKeyJson } from "@/lib/keys/to-api-key-json";
import type { LimitReset } from "@/lib/keys/key-limit-period";
import { requestJson } from "../shared/request-json";

export type { ApiKeyJson, LimitReset };

export const keyQueryKeys = {
  keys: ["api-keys"] as const,
};

export interface CreateKeyInput {
  name: string;
  limit?: number | null;
  limitReset?: LimitReset | null;
}

export interface UpdateKeyInput {
  name?: string;
  disabled?: boolean;
  limit?: number | null;
  limitReset?: LimitReset | null;
}

export async function fetchKeys(): Promise<ApiKeyJson[]> {
  return (await requestJson<{ data: ApiKeyJson[] }>("/api/keys")).data;
}

/** The only answer that carries the key's secret; nothing can fetch it again. */
export async function createKey(input: CreateKeyInput): Promise<{ key: ApiKeyJson; secret: string }> {
  const created = await requestJson<{ data: ApiKeyJson; key: string }>("/api/keys", { method: "POST", json: input });
  return { key: created.data, secret: created.key };
}

export async function updateKey(id: string, input: UpdateKeyInput): Promise<ApiKeyJson> {
  return (await requestJson<{ data: ApiKeyJson }>(`/api/keys/${encodeURIComponent(id)}`, { method: "PATCH", json: input })).data;
}

export async function deleteKey(id: string): Promise<void> {
  await requestJson<undefined>(`/api/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export const RESET_LABELS: Record<LimitReset, string> = { daily: "per day", weekly: "per week", monthly: "per month" };
