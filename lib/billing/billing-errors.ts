import { GatewayError } from "../gateway/errors";

/** A signed-in user asked for something only an admin may do. */
export class PermissionDeniedError extends GatewayError {
  constructor(message = "Only an admin can do this.") {
    super(403, "permission_error", message, { code: "forbidden" });
  }
}

/**
 * Card payments are switched off on this instance. 501 rather than 503: it
 * is not a passing outage, and retrying will not help until an operator sets
 * the Stripe variables.
 */
export class PaymentsNotConfiguredError extends GatewayError {
  constructor(message = "Card payments are not set up on this server: the operator has to set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.") {
    super(501, "service_unavailable", message, { code: "payments_not_configured" });
  }
}
