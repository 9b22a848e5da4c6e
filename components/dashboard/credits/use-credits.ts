"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { creditQueryKeys, fetchAccount, fetchLedgerPage, redeemCode, startCheckout } from "./credits-api";

export function useAccount() {
  return useQuery({ queryKey: creditQueryKeys.account, queryFn: fetchAccount });
}

/** The ledger newest first; older pages load on demand through the route's cursor. */
export function useLedger() {
  return useInfiniteQuery({
    queryKey: creditQueryKeys.ledger,
    queryFn: ({ pageParam }) => fetchLedgerPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useRedeemCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => redeemCode(code),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: creditQueryKeys.account }),
        queryClient.invalidateQueries({ queryKey: creditQueryKeys.ledger }),
      ]),
  });
}

export function useCheckout() {
  return useMutation({
    mutationFn: (dollars: number) => startCheckout(dollars),
    // Stripe's page takes over from here; the credits arrive by webhook, not by this answer.
    onSuccess: (session) => window.location.assign(session.url),
  });
}
