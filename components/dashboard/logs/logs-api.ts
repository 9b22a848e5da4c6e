import type { GenerationRowJson } from "@/app/api/generations/to-generation-json";
import { readableErrorMessage, RequestError } from "@/components/chat/chat-api";
import type { GenerationFilterOptions } from "@/lib/db/generation-log-queries";

export interface LogFilters {
  model: string;
  provider: string;
  key: string;
  status: string;
  /** Local days, "YYYY-MM-DD", both included; empty: open-ended. */
  fromDay: string;
  toDay: string;
}

export const EMPTY_FILTERS: LogFilters = { model: "", provider: "", key: "", status: "", fromDay: "", toDay: "" };

export const logQueryKeys = {
  page: (filters: LogFilters) => ["generations", filters] as const,
  filterOptions: ["generations", "filter-options"] as const,
};

export interface GenerationPageJson {
  data: GenerationRowJson[];
  next_cursor: string | null;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new RequestError(readableErrorMessage(await response.text(), response.status), response.status);
  return (await response.json()) as T;
}

function localDayStart(day: string, addDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays).toISOString();
}

export function fetchGenerationPage(filters: LogFilters, cursor: string | null): Promise<GenerationPageJson> {
  const search = new URLSearchParams();
  if (filters.model) search.set("model", filters.model);
  if (filters.provider) search.set("provider", filters.provider);
  if (filters.key) search.set("key", filters.key);
  if (filters.status) search.set("status", filters.status);
  const from = localDayStart(filters.fromDay);
  if (from) search.set("from", from);
  // The "to" day is included: the range ends at the next local midnight.
  const to = localDayStart(filters.toDay, 1);
  if (to) search.set("to", to);
  if (cursor) search.set("cursor", cursor);
  return getJson<GenerationPageJson>(`/api/generations?${search}`);
}

export async function fetchFilterOptions(): Promise<GenerationFilterOptions> {
  return (await getJson<{ data: GenerationFilterOptions }>("/api/generations/filter-options")).data;
}
