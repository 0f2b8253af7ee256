import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../api.ts";
import type { Me } from "../types.ts";

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      try {
        return await api<Me>("/me");
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await api("/auth/logout", { method: "POST" });
    client.clear();
    client.setQueryData(["me"], null);
  };
}
