import { UpstreamError } from "../../errors";

export const simulatedProviderId = "simulated";

/** Seconds a simulated 429 asks the client to wait. */
export const simulatedRetryAfterSeconds = 2;

const faultMessages: Record<number, string> = {
  400: "Simulated upstream rejected the request as malformed.",
  401: "Simulated upstream rejected the API key.",
  402: "Simulated upstream account is out of credit.",
  403: "Simulated upstream refused the request.",
  404: "Simulated upstream does not know this model.",
  408: "Simulated upstream timed out.",
  409: "Simulated upstream reported a conflict.",
  422: "Simulated upstream could not process the request.",
  429: `Simulated upstream is rate limited. Retry after ${simulatedRetryAfterSeconds} seconds.`,
  500: "Simulated upstream had an internal error.",
  502: "Simulated upstream returned a bad gateway error.",
  503: "Simulated upstream is overloaded. Try again shortly.",
  504: "Simulated upstream gateway timed out.",
};

/** The error a `[fault:<status>]` marker asks for, shaped like a real provider's. */
export function createFaultError(status: number): UpstreamError {
  const message = faultMessages[status] ?? `Simulated upstream failed with status ${status}.`;
  return new UpstreamError(message, {
    providerId: simulatedProviderId,
    upstreamStatus: status,
    code: "simulated_fault",
    ...(status === 429 ? { retryAfterSeconds: simulatedRetryAfterSeconds } : {}),
    metadata: { fault: String(status) },
  });
}

/** The stream broke after some output, as when a provider drops the connection. */
export function createMidstreamError(): UpstreamError {
  return new UpstreamError("Simulated upstream closed the stream unexpectedly.", {
    providerId: simulatedProviderId,
    upstreamStatus: 502,
    code: "simulated_fault",
    metadata: { fault: "midstream" },
  });
}

/** A request this model cannot serve, answered as a real provider's 4xx would be. */
export function createRejectionError(status: 400 | 404, message: string, param?: string): UpstreamError {
  return new UpstreamError(message, {
    providerId: simulatedProviderId,
    upstreamStatus: status,
    ...(param ? { param } : {}),
  });
}
