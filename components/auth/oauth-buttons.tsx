interface OAuthButtonsProps {
  providers: { github: boolean; google: boolean };
  callbackUrl: string;
  action: (formData: FormData) => Promise<void>;
}

const LABELS = { github: "Continue with GitHub", google: "Continue with Google" } as const;

/** One button per configured provider; nothing at all when none is configured. */
export function OAuthButtons({ providers, callbackUrl, action }: OAuthButtonsProps) {
  const configured = (Object.keys(LABELS) as Array<keyof typeof LABELS>).filter((provider) => providers[provider]);
  if (configured.length === 0) return null;
  return (
    <div className="flex flex-col gap-3" data-testid="oauth-buttons">
      <div className="flex items-center gap-3 text-xs text-zinc-500" aria-hidden="true">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        or
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </div>
      {configured.map((provider) => (
        <form key={provider} action={action}>
          <input type="hidden" name="provider" value={provider} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button
            type="submit"
            data-testid={`${provider}-sign-in`}
            className="w-full rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            {LABELS[provider]}
          </button>
        </form>
      ))}
    </div>
  );
}
