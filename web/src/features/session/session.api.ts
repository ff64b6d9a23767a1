import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import type { Locale } from "../../../../shared/schemas/common";
import {
  type ChangePasswordInput,
  type LoginInput,
  type Me,
  MeSchema,
  type SetupInput,
  SetupStatusSchema,
  type UpdateProfileInput,
} from "../../../../shared/schemas/identity";
import { ApiError, api } from "../../api/client";
import { i18n } from "../../i18n";

export const meKey = ["me"] as const;
export const setupKey = ["setup"] as const;

// Only same-site paths are followed after sign-in, never another origin.
export function safeRedirect(target: string | undefined): string {
  return target?.startsWith("/") && !target.startsWith("//") ? target : "/";
}

// The saved locale is adopted whenever the session is (re)loaded, so it follows the user across devices.
async function adoptLocale(me: Me): Promise<Me> {
  if (i18n.resolvedLanguage !== me.user.locale) await i18n.changeLanguage(me.user.locale);
  return me;
}

export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await adoptLocale(await api.get("/api/me", MeSchema));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export const setupStatusQuery = queryOptions({
  queryKey: setupKey,
  queryFn: () => api.get("/api/setup", SetupStatusSchema),
  // Setup happens once per installation; the page that completes it updates this cache itself.
  staleTime: Number.POSITIVE_INFINITY,
});

function useSignedIn(): (me: Me) => Promise<void> {
  const queryClient = useQueryClient();
  return async (me) => {
    queryClient.setQueryData(setupKey, { needed: false });
    queryClient.setQueryData(meKey, await adoptLocale(me));
  };
}

export function useSetup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post("/api/setup", input, MeSchema),
    onSuccess: signedIn,
  });
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post("/api/auth/login", input, MeSchema),
    onSuccess: signedIn,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: () => api.post("/api/auth/logout"),
    onSuccess: async () => {
      queryClient.setQueryData(meKey, null);
      // Nothing fetched for one user may be shown to the next one on this browser.
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== meKey[0] && query.queryKey[0] !== setupKey[0],
      });
      await router.navigate({ to: "/login" });
    },
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProfileInput) => api.patch("/api/me", input, MeSchema),
    onSuccess: async (me) => {
      queryClient.setQueryData(meKey, await adoptLocale(me));
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post("/api/me/password", input),
  });
}

// Switching language applies at once; when signed in it is also saved so it is remembered next time.
export function useSwitchLanguage(): (locale: Locale) => Promise<void> {
  const queryClient = useQueryClient();
  const updateMe = useUpdateMe();
  return async (locale) => {
    await i18n.changeLanguage(locale);
    if (queryClient.getQueryData(meKey)) await updateMe.mutateAsync({ locale });
  };
}
