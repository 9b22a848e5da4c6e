import { requestJson } from "../settings/request-json";

/** Money arrives as decimal strings of micro-dollars (BigInt on the server). */
export interface AdminUserJson {
  id: string;
  email: string | null;
  name: string | null;
  isAdmin: boolean;
  createdAt: string;
  balanceMicros: string;
  purchasedMicros: string;
  requestsLast30Days: number;
}

export interface RedeemCodeJson {
  id: string;
  prefix: string;
  amountMicros: string;
  maxRedemptions: number;
  redeemedCount: number;
  expiresAt: string | null;
  disabled: boolean;
  note: string | null;
  createdAt: string;
}

export interface CreatedRedeemCodesJson {
  codes: Array<{ id: string; code: string; prefix: string }>;
  amountMicros: string;
}

export interface ProviderConfigurationJson {
  id: string;
  name: string;
  defaultBaseUrl: string;
  environment: { hasApiKey: boolean; baseUrl: string | null };
  override: { keyPrefix: string | null; keyUnreadable: boolean; baseUrl: string | null; enabled: boolean; updatedAt: string } | null;
}

export interface FreeLimitsJson {
  perMinute: number;
  perDay: number;
  perDayPurchased: number;
  source: "admin" | "environment";
  defaults: { perMinute: number; perDay: number; perDayPurchased: number };
}

export const adminQueryKeys = {
  users: (search: string) => ["admin", "users", search] as const,
  allUsers: ["admin", "users"] as const,
  redeemCodes: ["admin", "redeem-codes"] as const,
  providers: ["admin", "providers"] as const,
  freeLimits: ["admin", "free-limits"] as const,
};

export async function fetchUsers(search: string): Promise<AdminUserJson[]> {
  const query = new URLSearchParams({ limit: "100" });
  if (search.trim()) query.set("search", search.trim());
  return (await requestJson<{ data: AdminUserJson[] }>(`/api/admin/users?${query}`)).data;
}

export async function grantCredits(input: { userId: string; amount: string; note: string }): Promise<{ balanceMicros: string }> {
  return (await requestJson<{ data: { balanceMicros: string } }>("/api/admin/grants", { method: "POST", body: input })).data;
}

export async function fetchRedeemCodes(): Promise<RedeemCodeJson[]> {
  return (await requestJson<{ data: RedeemCodeJson[] }>("/api/admin/redeem-codes?limit=100")).data;
}

export async function createRedeemCodes(input: { count: number; amount: string; maxRedemptions: number; note?: string }): Promise<CreatedRedeemCodesJson> {
  return (await requestJson<{ data: CreatedRedeemCodesJson }>("/api/admin/redeem-codes", { method: "POST", body: input })).data;
}

export async function disableRedeemCode(id: string): Promise<void> {
  await requestJson(`/api/admin/redeem-codes/${encodeURIComponent(id)}`, { method: "PATCH", body: { disabled: true } });
}

export async function fetchProviders(): Promise<{ providers: ProviderConfigurationJson[]; allowPrivateUrls: boolean }> {
  const response = await requestJson<{ data: ProviderConfigurationJson[]; allowPrivateUrls: boolean }>("/api/admin/providers");
  return { providers: response.data, allowPrivateUrls: response.allowPrivateUrls };
}

export async function updateProvider(input: { providerId: string; apiKey?: string | null; baseUrl?: string | null; enabled?: boolean }): Promise<void> {
  const { providerId, ...body } = input;
  await requestJson(`/api/admin/providers/${encodeURIComponent(providerId)}`, { method: "PATCH", body });
}

export async function resetProvider(providerId: string): Promise<void> {
  await requestJson(`/api/admin/providers/${encodeURIComponent(providerId)}`, { method: "DELETE" });
}

export async function fetchFreeLimits(): Promise<FreeLimitsJson> {
  return (await requestJson<{ data: FreeLimitsJson }>("/api/admin/free-limits")).data;
}

export async function saveFreeLimits(limits: { perMinute: number; perDay: number; perDayPurchased: number }): Promise<FreeLimitsJson> {
  return (await requestJson<{ data: FreeLimitsJson }>("/api/admin/free-limits", { method: "PUT", body: limits })).data;
}

export async function resetFreeLimits(): Promise<FreeLimitsJson> {
  return (await requestJson<{ data: FreeLimitsJson }>("/api/admin/free-limits", { method: "DELETE" })).data;
}

/** "$12.50" from a micro-dollar string, exact (no float), cents at least. */
export function formatDollars(micros: string): string {
  const value = BigInt(micros);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const whole = (absolute / 1_000_000n).toLocaleString("en-US");
  const fraction = (absolute % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}$${whole}.${fraction}`;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}
