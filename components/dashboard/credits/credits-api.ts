import { fetchAccount, queryKeys } from "@/components/chat/chat-api";
import { requestJson } from "../shared/request-json";

export { fetchAccount };

/**
 * The account query is the chatroom's own key, so a redeem here also
 * refreshes the balance the chat header shows.
 */
export const creditQueryKeys = {
  account: queryKeys.account,
  ledger: ["credit-ledger"] as const,
};

/** GET /api/credits/ledger's entries: signed micro-dollars as strings, dates as ISO text. */
export interface LedgerEntryJson {
  id: string;
  kind: string;
  amountMicros: string;
  note: string | null;
  generationId: string | null;
  createdAt: string;
}

export interface LedgerPageJson {
  data: LedgerEntryJson[];
  balanceMicros: string;
  nextCursor: string | null;
}

export const LEDGER_PAGE_SIZE = 25;

export async function fetchLedgerPage(cursor: string | null): Promise<LedgerPageJson> {
  const query = new URLSearchParams({ limit: String(LEDGER_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return requestJson<LedgerPageJson>(`/api/credits/ledger?${query}`);
}

export interface RedemptionJson {
  codeId: string;
  amountMicros: string;
  balanceMicros: string;
}

export async function redeemCode(code: string): Promise<RedemptionJson> {
  return (await requestJson<{ data: RedemptionJson }>("/api/credits/redeem", { method: "POST", json: { code } })).data;
}

/** Starts a Stripe Checkout; the caller sends the browser to the returned page. */
export async function startCheckout(dollars: number): Promise<{ id: string; url: string }> {
  return (await requestJson<{ data: { id: string; url: string } }>("/api/credits/checkout", { method: "POST", json: { amount: dollars } })).data;
}

const KIND_LABELS: Record<string, string> = {
  grant: "Credit grant",
  redeem: "Redeem code",
  purchase: "Purchase",
  refund: "Refund",
  generation: "Usage",
  adjustment: "Adjustment",
};

/** A ledger kind as a person would say it; an unknown future kind still shows, capitalised. */
export function ledgerKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}
