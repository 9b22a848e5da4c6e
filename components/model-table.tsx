import type { OpenRouterModel } from "@/lib/gateway/catalog/to-openrouter-models";

/** Dollars per token (a decimal string) as dollars per million tokens. */
function perMillion(perToken: string): string {
  const value = Number(perToken) * 1_000_000;
  if (value === 0) return "free";
  return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

/** What the gateway has observed of one provider serving a model. */
export interface ObservedEndpoint {
  provider_name: string;
  uptime_last_30m: number | null;
  latency_ms: number | null;
}

export function ModelTable({ models, observed }: { models: OpenRouterModel[]; observed: Record<string, ObservedEndpoint[]> }) {
  if (models.length === 0) {
    return (
      <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        No provider is configured. Set a provider key (see the README) or turn on the simulated provider with SIMULATED_PROVIDER=on.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm" data-testid="model-table">
        <thead className="bg-zinc-100 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="px-4 py-2 font-medium">Model</th>
            <th className="hidden px-4 py-2 font-medium sm:table-cell">Providers (observed)</th>
            <th className="px-4 py-2 text-right font-medium">Input / M</th>
            <th className="px-4 py-2 text-right font-medium">Output / M</th>
            <th className="hidden px-4 py-2 text-right font-medium sm:table-cell">Context</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {models.map((model) => (
            <tr key={model.id} data-testid="model-row" className="bg-white dark:bg-zinc-950">
              <td className="px-4 py-2">
                <div className="font-medium">{model.name}</div>
                <code className="text-xs text-zinc-500">{model.id}</code>
              </td>
              <td className="hidden px-4 py-2 text-zinc-600 sm:table-cell dark:text-zinc-300">
                <ul className="flex flex-col gap-0.5" data-testid="model-providers">
                  {(observed[model.id] ?? []).map((endpoint) => (
                    <li key={endpoint.provider_name} className="flex items-baseline gap-2">
                      <span>{endpoint.provider_name}</span>
                      <span className="text-xs text-zinc-500 tabular-nums" data-testid="provider-health">
                        {endpoint.uptime_last_30m === null ? "not measured yet" : `${endpoint.uptime_last_30m}% up`}
                        {endpoint.latency_ms === null ? "" : ` · ${endpoint.latency_ms} ms to first token`}
                      </span>
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{perMillion(model.pricing.prompt)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{perMillion(model.pricing.completion)}</td>
              <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell">{model.context_length.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
