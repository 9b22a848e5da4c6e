import type { Duplex } from "node:stream";
import { GatewayError, toErrorBody, type ErrorType } from "../gateway/errors";

/**
 * The custom server's `clientError` handler: a request Node's HTTP parser
 * refuses (headers over 16 KiB, a malformed request line or header) is
 * answered before any route sees it. Node's own answer is a status line and
 * no body; this one carries the API's error shape, so a client still reads
 * why. Nothing is written when the client is gone or a response had started.
 * @see https://nodejs.org/api/http.html#event-clienterror
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === "ECONNRESET" || !socket.writable || started) {
    socket.destroy();
    return;
  }
  const { status, reason, type, message } = describeParserError(error.code);
  const body = JSON.stringify(toErrorBody(new GatewayError(status, type, message, { code: error.code?.toLowerCase() ?? "bad_request" })));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function describeParserError(code: string | undefined): { status: number; reason: string; type: ErrorType; message: string } {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return { status: 431, reason: "Request Header Fields Too Large", type: "invalid_request_error", message: "Request headers are too large." };
    case "HPE_HEADERS_TIMEOUT":
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { status: 408, reason: "Request Timeout", type: "request_timeout", message: "The request was not received in time." };
    default:
      return { status: 400, reason: "Bad Request", type: "invalid_request_error", message: "The request is not valid HTTP." };
  }
}
