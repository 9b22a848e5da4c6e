import { expect, test, type APIRequestContext } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { KeysPage } from "./pages/keys-page";
import { SignUpPage } from "./pages/sign-up-page";

/** GET /api/v1/key with the secret alone, no session: what a client app would see. */
async function describeKey(request: APIRequestContext, secret: string) {
  const response = await request.get("/api/v1/key", { headers: { Authorization: `Bearer ${secret}` } });
  return { status: response.status(), body: (await response.json()) as { data?: { limit: number | null; limit_reset: string | null; limit_remaining: number | null } } };
}

test.describe("API keys page", () => {
  test.setTimeout(90_000);

  test("a key is created with a daily limit, works with its once-shown secret, is renamed, disabled and deleted", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await new SignUpPage(page).signUp({ email: uniqueEmail("keys"), password: "correct horse battery staple" });
    const keys = new KeysPage(page);
    await keys.open();
    await expect(keys.emptyState()).toBeVisible();
    await expect(keys.emptyState().getByTestId("base-url")).toHaveText(new URL("/api/v1", page.url()).toString());
    await page.screenshot({ path: "e2e/screenshots/keys-empty.png" });

    const secret = await keys.createKey({ name: "CI pipeline", limit: "1", reset: "daily" });
    expect(secret.length).toBeGreaterThan(20);
    await expect(keys.createdDialog()).toContainText("shown only once");
    await page.screenshot({ path: "e2e/screenshots/keys-created-dialog.png" });
    await keys.closeCreatedDialog();
    // Once the dialog is closed the secret is nowhere on the page.
    await expect(page.getByText(secret)).toHaveCount(0);

    const row = keys.row("CI pipeline");
    // The list shows only the key's start, which is the start of the secret.
    const prefix = (await row.getByTestId("key-prefix").innerText()).replace(/…$/, "");
    expect(prefix.length).toBeGreaterThan(4);
    expect(secret.startsWith(prefix)).toBe(true);
    await expect(row.getByTestId("key-limit")).toContainText("$1.00");
    await expect(row.getByTestId("key-limit")).toContainText("per day");
    await expect(row.getByTestId("key-remaining")).toHaveText("$1.00 left");
    await expect(row.getByTestId("key-last-used")).toHaveText("Never");

    const described = await describeKey(page.request, secret);
    expect(described.status).toBe(200);
    expect(described.body.data).toMatchObject({ limit: 1, limit_reset: "daily", limit_remaining: 1 });

    // A second key without a limit, so the screenshots show both kinds of row.
    await keys.createKey({ name: "Laptop" });
    await keys.closeCreatedDialog();
    await expect(keys.rows()).toHaveCount(2);
    await keys.row("Laptop").getByTestId("edit-limit-button").click();
    await keys.row("Laptop").getByTestId("limit-amount-input").fill("5.5.5");
    await keys.row("Laptop").getByTestId("limit-save").click();
    await expect(keys.row("Laptop").getByRole("alert")).toContainText("Enter an amount in dollars");
    await page.screenshot({ path: "e2e/screenshots/keys-limit-editor.png" });
    await keys.row("Laptop").getByRole("button", { name: "Cancel" }).click();
    await keys.setLimit("Laptop", { limit: "5", reset: "weekly" });
    await expect(keys.row("Laptop").getByTestId("key-limit")).toContainText("$5.00 per week");
    await keys.clearLimit("Laptop");
    await expect(keys.row("Laptop").getByTestId("key-limit")).toContainText("No limit");

    await keys.rename("CI pipeline", "Nightly build");
    await page.reload();
    await expect(keys.row("Nightly build")).toBeVisible();

    await keys.toggle("Nightly build");
    await expect(keys.row("Nightly build").getByTestId("key-disabled-badge")).toBeVisible();
    await expect.poll(async () => (await describeKey(page.request, secret)).status, { timeout: 15_000 }).toBe(401);

    await page.screenshot({ path: "e2e/screenshots/keys-wide.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "e2e/screenshots/keys-narrow.png", fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    await keys.toggle("Nightly build");
    await expect(keys.row("Nightly build").getByTestId("key-disabled-badge")).toHaveCount(0);
    await expect.poll(async () => (await describeKey(page.request, secret)).status, { timeout: 15_000 }).toBe(200);

    await keys.delete("Nightly build");
    await expect(keys.rows()).toHaveCount(1);
    await expect.poll(async () => (await describeKey(page.request, secret)).status, { timeout: 15_000 }).toBe(401);
    await context.close();
  });
});
