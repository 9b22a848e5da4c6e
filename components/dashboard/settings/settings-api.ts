import { requestJson } from "./request-json";

export interface UserSettingsJson {
  promptLogging: boolean;
  promptRetentionDays: number;
}

export interface ProviderKeyJson {
  providerId: string;
  prefix: string;
  createdAt: string;
}

export interface ProviderKeysJson {
  providers: Array<{ id: string; name: string }>;
  keys: ProviderKeyJson[];
  /** What requests served with the user's own key cost, as a percentage of the price. */
  feePercent: number;
}

export const settingsQueryKeys = {
  settings: ["settings"] as const,
  providerKeys: ["settings", "provider-keys"] as const,
};

export async function fetchSettings(): Promise<UserSettingsJson> {
  return (await requestJson<{ data: UserSettingsJson }>("/api/settings")).data;
}

export async function updateSettings(changes: Partial<UserSettingsJson>): Promise<UserSettingsJson> {
  return (await requestJson<{ data: UserSettingsJson }>("/api/settings", { method: "PATCH", body: changes })).data;
}

export async function fetchProviderKeys(): Promise<ProviderKeysJson> {
  return (await requestJson<{ data: ProviderKeysJson }>("/api/settings/provider-keys")).data;
}

export async function saveProviderKey(input: { providerId: string; apiKey: string }): Promise<ProviderKeyJson> {
  const url = `/api/settings/provider-keys/${encodeURIComponent(input.providerId)}`;
  return (await requestJson<{ data: ProviderKeyJson }>(url, { method: "PUT", body: { apiKey: input.apiKey } })).data;
}

export async function deleteProviderKey(providerId: string): Promise<void> {
  await requestJson<void>(`/api/settings/provider-keys/${encodeURIComponent(providerId)}`, { method: "DELETE" });
}
