import { describe, expect, it } from "vitest";
import { errorResponse } from "../http/error-response";
import { requireAdmin, requireSignedIn } from "./admin-access";

const member = { id: "user_1", email: "ada@example.com", name: null, isAdmin: false };
const admin = { ...member, id: "user_2", isAdmin: true };

async function statusAndType(run: () => unknown): Promise<[number, string]> {
  try {
    run();
  } catch (error) {
    const response = errorResponse(error);
    const body = (await response.json()) as { error: { type: string } };
    return [response.status, body.error.type];
  }
  throw new Error("expected a refusal");
}

describe("admin access", () => {
  it("answers 401 without a session and 403 for a signed-in user who is not an admin", async () => {
    expect(await statusAndType(() => requireAdmin(null))).toEqual([401, "authentication_error"]);
    expect(await statusAndType(() => requireAdmin(member))).toEqual([403, "permission_error"]);
    expect(requireAdmin(admin)).toBe(admin);
  });

  it("lets any signed-in user manage their own credits", async () => {
    expect(await statusAndType(() => requireSignedIn(null))).toEqual([401, "authentication_error"]);
    expect(requireSignedIn(member)).toBe(member);
  });
});
