import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOllamaProvider } from "./create-ollama-provider";

/** What a real Ollama answers on GET /api/tags (trimmed). */
const tags = {
  models: [
    {
      name: "llama3.2:latest",
      model: "llama3.2:latest",
      modified_at: "2025-05-04T17:37:44.706015396-07:00",
      size: 2019393189,
      digest: "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
      details: { parent_model: "", format: "gguf", family: "llama", families: ["llama"], parameter_size: "3.2B", quantization_level: "Q4_K_M" },
    },
    {
      name: "qwen3:8b",
      model: "qwen3:8b",
      modified_at: "2025-06-01T10:00:00Z",
      size: 5225388164,
      digest: "500a1f067a9f782620b40bee6f7b0c89e17ae61f686b92c24933e4ca4b2b8b41",
      details: { format: "gguf", family: "qwen3", parameter_size: "8.2B", quantization_level: "Q4_K_M" },
    },
  ],
};

let server: Server;
let origin: string;
let routes: Record<string, (response: ServerResponse) => void>;
let hits: string[];

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const path = request.url ?? "/";
      hits.push(`${request.method} ${path}`);
      const route = routes[`${request.method} ${path}`];
      if (route) route(response);
      else response.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
  routes = { "GET /api/tags": json(tags) };
});

function json(body: unknown): (response: ServerResponse) => void {
  return (response) => {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
}

describe("createOllamaProvider", () => {
  it("discovers the installed models as free ollama/<name> models", async () => {
    const provider = createOllamaProvider({ baseUrl: `${origin}/` });
    expect(provider.id).toBe("ollama");
    const models = await provider.listModels();
    expect(models.map((model) => [model.id, model.providerModelId])).toEqual([
      ["ollama/llama3.2", "llama3.2:latest"],
      ["ollama/qwen3:8b", "qwen3:8b"],
    ]);
    expect(models[0]).toMatchObject({ pricing: { promptPerMillion: 0, completionPerMillion: 0 }, inputModalities: ["text"] });
    expect(models[0]?.created).toBe(Math.floor(Date.parse("2025-05-04T17:37:44.706-07:00") / 1000));
  });

  it("falls back to /v1/models when /api/tags is not there", async () => {
    routes = { "GET /v1/models": json({ object: "list", data: [{ id: "mistral:latest", object: "model", created: 1717000000, owned_by: "library" }] }) };
    const models = await createOllamaProvider({ baseUrl: origin }).listModels();
    expect(models.map((model) => model.id)).toEqual(["ollama/mistral"]);
    expect(hits).toEqual(["GET /api/tags", "GET /v1/models"]);
  });

  it("yields no models and reports the failure when the server is down", async () => {
    const reported: unknown[] = [];
    const provider = createOllamaProvider({ baseUrl: "http://127.0.0.1:1", onDiscoveryError: (error) => reported.push(error) });
    await expect(provider.listModels()).resolves.toEqual([]);
    expect(reported).toHaveLength(1);
  });

  it("yields no models when the answers are not model lists", async () => {
    routes = { "GET /api/tags": json({ unexpected: true }), "GET /v1/models": json([]) };
    const reported: unknown[] = [];
    const provider = createOllamaProvider({ baseUrl: origin, onDiscoveryError: (error) => reported.push(error) });
    await expect(provider.listModels()).resolves.toEqual([]);
    expect(reported).toHaveLength(1);
  });

  it("asks the server once per cache period, sharing a discovery in flight", async () => {
    const provider = createOllamaProvider({ baseUrl: origin, cacheMilliseconds: 60_000 });
    const [first, second] = await Promise.all([provider.listModels(), provider.listModels()]);
    await provider.listModels();
    expect(first).toBe(second);
    expect(hits).toEqual(["GET /api/tags"]);

    const uncached = createOllamaProvider({ baseUrl: origin, cacheMilliseconds: 0 });
    await uncached.listModels();
    await uncached.listModels();
    expect(hits).toHaveLength(3);
  });

  it("sends chat requests to the OpenAI-compatible endpoint", async () => {
    routes["POST /v1/chat/completions"] = json({
      id: "chatcmpl-123",
      object: "chat.completion",
      created: 1717000000,
      model: "llama3.2:latest",
      system_fingerprint: "fp_ollama",
      choices: [{ index: 0, message: { role: "assistant", content: "Hello!" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 26, completion_tokens: 3, total_tokens: 29 },
    });
    const provider = createOllamaProvider({ baseUrl: origin });
    const completion = await provider.createChatCompletion(
      { model: "llama3.2:latest", messages: [{ role: "user", content: "Hi" }] },
      { signal: new AbortController().signal },
    );
    expect(completion.choices[0]?.message.content).toBe("Hello!");
    expect(hits).toEqual(["POST /v1/chat/completions"]);
  });
});
