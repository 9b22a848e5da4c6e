import http, { type IncomingHttpHeaders } from "node:http";

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent: malformed percent-escapes are kept. */
  path: string;
  headers: Record<string, string>;
  /** One buffer is sent with a Content-Length; a list of them is sent chunked, with none. */
  body?: Buffer | Buffer[];
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends a request on Node's own client rather than fetch, which would
 * normalise the path, refuse some headers and hide how a connection ended.
 * Resolves once the whole response is in, even when the server answered
 * before reading the whole body (a 413) and the rest of the upload failed;
 * rejects when no whole response came within `timeoutMs`.
 */
export function sendRawRequest(origin: URL, request: RawRequest, options: { agent: http.Agent; timeoutMs: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    // Node sends a DELETE's or GET's body without a length, which the server rightly takes for the next request.
    const length = Buffer.isBuffer(request.body) ? { "Content-Length": String(request.body.length) } : {};
    const outgoing = http.request({
      host: origin.hostname,
      port: origin.port,
      method: request.method,
      path: request.path,
      headers: { ...length, ...request.headers },
      agent: options.agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    outgoing.on("response", (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        // The server answered before taking the whole upload: stop sending, or the socket stays busy with it.
        if (!outgoing.writableFinished) outgoing.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) });
      });
      response.on("error", (error) => reject(new Error(`the response broke off after status ${response.statusCode}: ${describe(error)}`)));
    });
    outgoing.on("error", (error) => {
      // An upload cut short after the answer came is the server refusing the rest, which is fine.
      if (!answered) reject(new Error(`no response: ${describe(error)}`));
    });
    if (Array.isArray(request.body)) void writeChunks(outgoing, request.body, () => answered);
    else outgoing.end(request.body);
  });
}

async function writeChunks(outgoing: http.ClientRequest, chunks: Buffer[], answered: () => boolean): Promise<void> {
  for (const chunk of chunks) {
    if (answered() || outgoing.destroyed) return;
    if (!outgoing.write(chunk)) {
      await new Promise<void>((resolve) => {
        const resume = () => {
          outgoing.off("drain", resume);
          outgoing.off("close", resume);
          resolve();
        };
        outgoing.on("drain", resume);
        outgoing.on("close", resume);
      });
    }
  }
  if (!outgoing.destroyed) outgoing.end();
}

function describe(error: Error): string {
  const code = (error as { code?: string }).code;
  return code ? `${code} (${error.message})` : error.message;
}
