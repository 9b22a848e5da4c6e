"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createKey, deleteKey, fetchKeys, keyQueryKeys, updateKey, type ApiKeyJson, type CreateKeyInput, type UpdateKeyInput } from "./keys-api";

export function useKeys() {
  return useQuery({ queryKey: keyQueryKeys.keys, queryFn: fetchKeys });
}

export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateKeyInput) => createKey(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyQueryKeys.keys }),
  });
}

/** Puts the server's answer in the list at once, then refetches for usage that may have moved. */
export function useUpdateKey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateKeyInput) => updateKey(id, input),
    onSuccess: (updated) => {
      queryClient.setQueryData<ApiKeyJson[]>(keyQueryKeys.keys, (keys) => keys?.map((key) => (key.id === updated.id ? updated : key)));
      return queryClient.invalidateQueries({ queryKey: keyQueryKeys.keys });
    },
  });
}

export function useDeleteKey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteKey(id),
    onSuccess: () => {
      queryClient.setQueryData<ApiKeyJson[]>(keyQueryKeys.keys, (keys) => keys?.filter((key) => key.id !== id));
      return queryClient.invalidateQueries({ queryKey: keyQueryKeys.keys });
    },
  });
}
