import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { promoteToAdmin } from "../support/admin";
import { AdminPage } from "./pages/admin-page";
import { SettingsPage } from "./pages/settings-page";
import { SignUpPage } from "./pages/sign-up-page";

/**
 * The settings page every user has, and the admin page only admins reach.
 * The server is shared with the other spec files, so whatever instance-wide
 * setting a test changes (a provider key, the free limits) it puts back.
 */

const PASSWORD = "correct horse battery staple";

async function signedUp(browser: Browser, email: string, viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await new SignUpPage(page).signUp({ email, password: PASSWORD });
  await page.close();
  return context;
}

// Made first, and promoted: on a fresh database the first sign-up becomes the
// admin, which must not be the "plain" user below when this file runs alone.
const adminEmail = uniqueEmail("admin");
let adminContext: BrowserContext;

test.beforeAll(async ({ browser }) => {
  adminContext = await signedUp(browser, adminEmail);
  promoteToAdmin(adminEmail);
});

test.afterAll(async () => {
  await adminContext.close();
});

test("a non-admin sees no Admin link, gets the admins-only page and 403 from the admin API", async ({ browser }) => {
  const context = await signedUp(browser, uniqueEmail("plain"));
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page.getByTestId("dashboard-nav-settings")).toBeVisible();
  await expect(page.getByTestId("dashboard-nav-admin")).toHaveCount(0);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("admin-only")).toContainText("Admins only");
  await expect(page.getByTestId("admin-page")).toHaveCount(0);

  for (const [method, url] of [
    ["GET", "/api/admin/users"],
    ["GET", "/api/admin/providers"],
    ["PATCH", "/api/admin/providers/openai"],
    ["GET", "/api/admin/free-limits"],
    ["PUT", "/api/admin/free-limits"],
  ] as const) {
    const answer = await page.request.fetch(url, { method, data: method === "GET" ? undefined : { enabled: false } });
    expect(answer.status(), `${method} ${url}`).toBe(403);
  }
  await context.close();
});

test("an admin grants credits, creates a redeem code, sets a provider key and changes the free limits", async ({ browser }) => {
  const customerEmail = uniqueEmail("customer");
  const customer = await signedUp(browser, customerEmail);
  const admin = new AdminPage(await adminContext.newPage());
  const providerKey = "sk-mistral-e2e-SECRET-0123456789-wxyz";

  try {
    await admin.open();
    await expect(admin.page.getByTestId("dashboard-nav-admin")).toBeVisible();
    await expect(admin.userRow(customerEmail)).toBeVisible();
    await expect(admin.userRow(adminEmail).getByTestId("admin-user-admin-badge")).toBeVisible();
    await expect(admin.userRow(customerEmail).getByTestId("admin-user-balance")).toContainText("$0.00");

    await admin.grant(customerEmail, { amount: "5", note: "e2e welcome" });
    await expect(admin.userRow(customerEmail).getByTestId("admin-user-balance")).toContainText("$5.00");
    const balance = (await (await customer.request.get("/api/account")).json()) as { data: { balance: number } };
    expect(balance.data.balance).toBe(5);
    await admin.page.getByTestId("admin-user-search").fill("");

    const code = await admin.createRedeemCode({ amount: "2.50", note: "e2e code" });
    expect(code.length).toBeGreaterThan(12);
    await expect(admin.page.getByTestId("admin-redeem-code-list")).toContainText("e2e code");
    await expect(admin.page.getByTestId("admin-redeem-code-list")).not.toContainText(code);
    // The code works, once.
    const redeemed = await customer.request.post("/api/credits/redeem", { data: { code } });
    expect(redeemed.status()).toBeLessThan(300);

    // A base URL into the server's own network is refused, with the reason.
    await admin.configureProvider("mistral", { baseUrl: "https://169.254.169.254/latest" });
    await expect(admin.page.getByTestId("admin-provider-error-mistral")).toContainText("link-local");
    await admin.configureProvider("mistral", { apiKey: providerKey, baseUrl: "" });
    await expect(admin.page.getByTestId("admin-provider-key-prefix-mistral")).toHaveText("sk-...wxyz");
    await expect(admin.page.getByTestId("admin-provider-status-mistral")).toContainText("Admin key");
    await admin.page.reload();
    await expect(admin.page.getByTestId("admin-provider-key-prefix-mistral")).toHaveText("sk-...wxyz");
    expect(await admin.page.content()).not.toContain(providerKey);
    expect(await (await admin.page.request.get("/api/admin/providers")).text()).not.toContain("SECRET-0123456789");

    await admin.setFreeLimits({ perMinute: 7, perDay: 70, perDayPurchased: 700 });
    await expect(admin.page.getByTestId("admin-free-limits-source")).toHaveText("Set by an admin");
    await admin.page.reload();
    await expect(admin.page.getByTestId("admin-free-limit-perMinute")).toHaveValue("7");

    await admin.page.getByTestId("admin-users-panel").scrollIntoViewIfNeeded();
    await admin.page.screenshot({ path: "e2e/screenshots/admin-wide.png", fullPage: true });
    await admin.page.setViewportSize({ width: 390, height: 844 });
    await admin.page.screenshot({ path: "e2e/screenshots/admin-narrow.png", fullPage: true });
  } finally {
    // Put the shared server back as the other spec files expect it.
    await admin.page.request.delete("/api/admin/providers/mistral");
    await admin.page.request.delete("/api/admin/free-limits");
    await Promise.all([admin.page.close(), customer.close()]);
  }
});

test("a user turns on prompt logging and adds their own provider key, seeing only its prefix", async ({ browser }) => {
  const context = await signedUp(browser, uniqueEmail("settings"));
  const settings = new SettingsPage(await context.newPage());
  const ownKey = "sk-proj-mine-0123456789-ABCD";
  await settings.open();
  await expect(settings.loggingToggle()).not.toBeChecked();

  await settings.turnOnPromptLogging(14);
  await settings.addProviderKey("openai", ownKey);
  await expect(settings.keyPrefix("openai")).toHaveText("sk-...ABCD");

  await settings.page.reload();
  await expect(settings.loggingToggle()).toBeChecked();
  await expect(settings.page.getByTestId("prompt-retention-input")).toHaveValue("14");
  await expect(settings.keyPrefix("openai")).toHaveText("sk-...ABCD");
  expect(await settings.page.content()).not.toContain(ownKey);
  expect(await (await settings.page.request.get("/api/settings/provider-keys")).text()).not.toContain("0123456789");

  await settings.page.screenshot({ path: "e2e/screenshots/settings-wide.png", fullPage: true });
  await context.close();
});
