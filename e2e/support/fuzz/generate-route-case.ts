import { authorization, TIMEOUT_MS, type FuzzCase, type FuzzContext } from "./fuzz-case";
import { randomWord } from "./generate-json-value";
import { BODY_TARGETS, QUERY_TARGETS, type QueryTarget } from "./fuzz-targets";
import { toJsonText } from "./json-text";
import type { SeededRandom } from "./seeded-random";

/** Node's HTTP server refuses headers over 16 KiB before any route sees them. */
const OVERSIZED_HEADER = 20_000;

/** Authorization headers, and whether each carries the valid key. */
function authVariants(apiKey: string, random: SeededRandom): Array<{ name: string; headers: Record<string, string>; valid: boolean }> {
  const unknownKey = `sk-sy-v1-${randomWord(random, 48).replace(/[^A-Za-z0-9]/g, "x")}`;
  return [
    { name: "no key", headers: {}, valid: false },
    { name: "empty Authorization", headers: { Authorization: "" }, valid: false },
    { name: "Bearer alone", headers: { Authorization: "Bearer" }, valid: false },
    { name: "Bearer and a space", headers: { Authorization: "Bearer " }, valid: false },
    { name: "Basic", headers: { Authorization: `Basic ${Buffer.from(`user:${apiKey}`).toString("base64")}` }, valid: false },
    { name: "Token scheme", headers: { Authorization: `Token ${apiKey}` }, valid: false },
    { name: "key plus a character", headers: { Authorization: `Bearer ${apiKey}x` }, valid: false },
    { name: "key less a character", headers: { Authorization: `Bearer ${apiKey.slice(0, -1)}` }, valid: false },
    { name: "unknown key", headers: { Authorization: `Bearer ${unknownKey}` }, valid: false },
    { name: "two keys", headers: { Authorization: `Bearer ${apiKey} ${apiKey}` }, valid: false },
    { name: "latin-1 key", headers: { Authorization: "Bearer sk-\u00e9\u00ff\u00a9" }, valid: false },
    { name: "8 kB key", headers: { Authorization: `Bearer ${"k".repeat(8_000)}` }, valid: false },
    { name: "wrong x-api-key", headers: { "x-api-key": "sk-wrong" }, valid: false },
    { name: "empty x-api-key", headers: { "x-api-key": "" }, valid: false },
    { name: "a wrong Bearer beats a right x-api-key", headers: { Authorization: "Bearer sk-wrong", "x-api-key": apiKey }, valid: false },
    { name: "lower-case bearer", headers: { Authorization: `bearer ${apiKey}` }, valid: true },
    { name: "x-api-key", headers: { "x-api-key": apiKey }, valid: true },
  ];
}

const QUERY_ROUTES = ["key", "credits", "generation", "models", "endpoints"] as const;

function pathFor(route: (typeof QUERY_ROUTES)[number], context: FuzzContext): string {
  switch (route) {
    case "generation":
      return `/api/v1/generation?id=${context.known.generationId}`;
    case "endpoints":
      return "/api/v1/models/simulated/swift-mini/endpoints";
    default:
      return `/api/v1/${route}`;
  }
}

/** A GET of `path` on `target`, with the given headers. */
function getCase(context: FuzzContext, target: QueryTarget, category: string, description: string, path: string, headers: Record<string, string>, keyValid: boolean): FuzzCase {
  const status = target.needsKey && !keyValid ? 401 : undefined;
  const success = target.accepts(path, context.known) && status === undefined ? { shape: "data" as const, stream: false } : undefined;
  return {
    category,
    description: `GET ${path.slice(0, 200)}: ${description}`,
    request: { method: "GET", path, headers },
    expectation: { errorShape: "openai", success, status },
    timeoutMs: TIMEOUT_MS,
  };
}

/**
 * Percent-escapes, broken ones included: a lone `%`, a bad hex digit, a
 * cut-off or invalid UTF-8 sequence. No `.` or `..` segments: Next redirects
 * a path with them to its normalised form, by design.
 */
function randomComponent(random: SeededRandom): string {
  return random.pick([
    () => encodeURIComponent(randomWord(random)),
    () => encodeURIComponent(random.pick(["日本", "é", "\u{1F600}", "\u0000", "a b", "a/b", "a&b=c", "#", "?"])),
    () => random.pick(["%", "%zz", "%E0%A4%A", "%C3%28", "%ED%A0%80", "%FF", "%00", "%25", "%2F", "%%", "+", ".x", "..."]),
    () => "x".repeat(random.pick([129, 2_000])),
    () => "",
  ])();
}

function randomQuery(random: SeededRandom): string {
  return Array.from({ length: random.integer(1, 4) }, () => `${randomComponent(random)}${random.chance(0.8) ? `=${randomComponent(random)}` : ""}`).join(random.pick(["&", "&&", ";"]));
}

export const ROUTE_CASES: Record<string, (context: FuzzContext, random: SeededRandom) => FuzzCase> = {
  "bad-auth"(context, random) {
    const variant = random.chance(0.05)
      ? { name: "oversized header", headers: { Authorization: `Bearer ${"k".repeat(OVERSIZED_HEADER)}` }, valid: false, status: 431 }
      : { ...random.pick(authVariants(context.apiKey, random)), status: undefined };
    const which = random.integer(0, QUERY_ROUTES.length + BODY_TARGETS.length - 1);
    if (which < BODY_TARGETS.length) {
      const target = BODY_TARGETS[which]!;
      const body = Buffer.from(toJsonText(random.pick(target.bases)));
      const status = variant.status ?? (variant.valid ? undefined : 401);
      return {
        category: "bad-auth",
        description: `${target.name}: ${variant.name}`,
        request: { method: "POST", path: target.path, headers: { "Content-Type": "application/json", ...variant.headers }, body },
        // A header too large is refused by the HTTP layer before any route is known, so in OpenAI's shape.
        expectation: { errorShape: variant.status === 431 ? "openai" : target.errorShape, status, success: status === undefined ? target.judge(body) : undefined },
        timeoutMs: TIMEOUT_MS,
      };
    }
    const route = QUERY_ROUTES[which - BODY_TARGETS.length]!;
    const fuzzCase = getCase(context, QUERY_TARGETS[route], "bad-auth", variant.name, pathFor(route, context), variant.headers, variant.valid);
    if (variant.status === undefined) return fuzzCase;
    return { ...fuzzCase, expectation: { errorShape: "openai", status: variant.status } };
  },

  query(context, random) {
    const route = random.pick(QUERY_ROUTES);
    const headers = authorization(context.apiKey);
    const target = QUERY_TARGETS[route];
    let path: string;
    if (route === "generation") {
      const id = random.pick([
        context.known.generationId,
        `${context.known.generationId}x`,
        randomComponent(random),
        "x".repeat(128),
        `${randomComponent(random)}&id=${context.known.generationId}`,
        `${context.known.generationId}&id=${randomComponent(random)}`,
      ]);
      path = random.chance(0.1) ? `/api/v1/generation?${randomQuery(random)}` : `/api/v1/generation?id=${id}`;
    } else if (route === "models") {
      const all = random.pick(["true", "false", "TRUE", "1", "", randomComponent(random)]);
      const parameters = random.pick(["tools", "tools,response_format", "tools,,", "%20tools%20", "+tools+", "unknown", randomComponent(random), ""]);
      const parts = [random.chance(0.6) ? `all=${all}` : "", random.chance(0.6) ? `supported_parameters=${parameters}` : "", random.chance(0.3) ? randomQuery(random) : ""];
      path = `/api/v1/models?${parts.filter(Boolean).join("&")}`;
    } else if (route === "endpoints") {
      const author = random.chance(0.4) ? "simulated" : randomComponent(random) || "a";
      const slug = random.chance(0.4) ? random.pick(["swift-mini", "sage-pro", "scout:free", "swift-mini:nitro", "swift%2Dmini", "swift-mini%"]) : randomComponent(random) || "b";
      path = `/api/v1/models/${author}/${slug}/endpoints${random.chance(0.2) ? `?${randomQuery(random)}` : ""}`;
    } else {
      path = `/api/v1/${route}?${randomQuery(random)}`;
    }
    return getCase(context, target, "query", route, path, headers, true);
  },

  path(context, random) {
    const method = random.pick(["GET", "POST", "PUT", "PATCH", "DELETE"]);
    const known = random.pick(["/api/v1/chat/completions", "/api/v1/messages", "/api/v1/models", "/api/v1/key"]);
    // Made up paths start with "x-" so none is a real route by chance.
    const path = random.pick([
      // Not empty: a trailing slash gets Next's redirect to the path without it, by design.
      () => `/api/v1/x-${Array.from({ length: random.integer(1, 4) }, () => randomComponent(random) || "a").join("/")}`,
      () => `${known}${random.pick(["%", "%zz", "%E0%A4%A", "%00", "x", "/x"])}`,
      () => `/api/v1/${random.pick(["%", "%zz", "%E0%A4%A", "%C3%28"])}`,
      // Resolves to /api/x-… once Next has decoded and normalised it: outside /api/v1, still under /api.
      () => `/api/v1/%2E%2E/x-${encodeURIComponent(randomWord(random))}`,
    ])();
    return {
      category: "path",
      description: `${method} ${path.slice(0, 200)}`,
      request: { method, path, headers: { ...authorization(context.apiKey), "Content-Type": "application/json" }, body: method === "GET" ? undefined : Buffer.from("{}") },
      // No such route: the catch-all answers, in OpenAI's shape, whatever the path looks like.
      expectation: { errorShape: "openai" },
      timeoutMs: TIMEOUT_MS,
    };
  },

  method(context, random) {
    const routes = [
      { path: "/api/v1/chat/completions", allowed: "POST", shape: "openai" as const },
      { path: "/api/v1/messages", allowed: "POST", shape: "anthropic" as const },
      ...QUERY_ROUTES.map((route) => ({ path: pathFor(route, context), allowed: "GET", shape: "openai" as const })),
    ];
    const route = random.pick(routes);
    const method = random.pick(["GET", "POST", "PUT", "PATCH", "DELETE"].filter((candidate) => candidate !== route.allowed));
    return {
      category: "method",
      description: `${method} ${route.path}`,
      request: { method, path: route.path, headers: { ...authorization(context.apiKey), "Content-Type": "application/json" }, body: method === "GET" ? undefined : Buffer.from("{}") },
      expectation: { errorShape: route.shape, status: 405 },
      timeoutMs: TIMEOUT_MS,
    };
  },
};
