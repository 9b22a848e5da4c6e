import { connection } from "next/server";
import { ModelTable } from "@/components/model-table";
import type { Endpoint } from "@/lib/gateway/catalog/create-catalog";
import { toOpenRouterEndpoints } from "@/lib/gateway/catalog/to-openrouter-endpoints";
import { toOpenRouterModels } from "@/lib/gateway/catalog/to-openrouter-models";
import { getGateway } from "@/lib/server/gateway";

export default async function HomePage() {
  await connection();
  const gateway = getGateway();
  const endpoints = await gateway.catalog.listEndpoints();
  const models = toOpenRouterModels(endpoints);
  const byModel = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) byModel.set(endpoint.model.id, [...(byModel.get(endpoint.model.id) ?? []), endpoint]);
  const observed = Object.fromEntries(
    [...byModel].map(([id, group]) => [id, toOpenRouterEndpoints(group, gateway.health)?.endpoints ?? []]),
  );
  const paid = models.filter((model) => Number(model.pricing.prompt) > 0);
  const example = paid.sort((left, right) => Number(left.pricing.prompt) - Number(right.pricing.prompt))[0]?.id ?? "openai/gpt-4o-mini";

  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-10 px-6 py-12">
      <header className="flex flex-col gap-3">
        <h1 className="text-3xl font-semibold tracking-tight" data-testid="title">
          Switchyard
        </h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-300">
          One OpenAI-compatible API in front of many providers. Point any OpenAI or OpenRouter client at this server, keep your code, and every
          request is routed, recorded and billed to the token.
        </p>
      </header>

      <section className="flex flex-col gap-3" aria-labelledby="quickstart">
        <h2 id="quickstart" className="text-lg font-semibold">
          Quickstart
        </h2>
        <ol className="list-decimal space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
          <li>
            Create a key: <code className="rounded bg-zinc-200 px-1 dark:bg-zinc-800">npm run admin -- create-key --email you@example.com --credits 10</code>
          </li>
          <li>
            Use <code className="rounded bg-zinc-200 px-1 dark:bg-zinc-800">/api/v1</code> on this server as the base URL.
          </li>
        </ol>
        <pre className="overflow-x-auto rounded-lg bg-zinc-900 p-4 text-xs leading-relaxed text-zinc-100" data-testid="curl-example">
          {`curl http://localhost:3000/api/v1/chat/completions \\
  -H "Authorization: Bearer $SWITCHYARD_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${example}", "messages": [{"role": "user", "content": "Hello!"}], "stream": true}'`}
        </pre>
      </section>

      <section className="flex flex-col gap-3" aria-labelledby="models">
        <div className="flex items-baseline justify-between">
          <h2 id="models" className="text-lg font-semibold">
            Models
          </h2>
          <span className="text-sm text-zinc-500" data-testid="model-count">
            {models.length} routable
          </span>
        </div>
        <ModelTable models={models} observed={observed} />
      </section>
    </main>
  );
}
