import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { answerClientError } from "./answer-client-error";

function answer(code: string | undefined): string {
  const socket = new PassThrough();
  let written = "";
  socket.on("data", (chunk: Buffer) => (written += chunk.toString()));
  answerClientError(Object.assign(new Error("parse error"), { code }), socket);
  return written;
}

describe("answerClientError", () => {
  it("answers headers that are too large with a 431 in OpenAI's error shape, and closes", () => {
    const written = answer("HPE_HEADER_OVERFLOW");
    expect(written).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(written).toContain("Connection: close\r\n");
    const body = JSON.parse(written.slice(written.indexOf("\r\n\r\n") + 4)) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ message: "Request headers are too large.", type: "invalid_request_error", code: "hpe_header_overflow" });
  });

  it("answers other parser errors with a 400, and says nothing to a client that reset", () => {
    expect(answer("HPE_INVALID_HEADER_TOKEN")).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer("ECONNRESET")).toBe("");
  });
});
