import { expect, type Locator, type Page } from "@playwright/test";

/** /admin: users and grants, redeem codes, provider overrides, free-model limits. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/admin");
    await expect(this.page.getByTestId("admin-page")).toBeVisible();
  }

  userRow(email: string): Locator {
    return this.page.locator(`[data-testid="admin-user-row"][data-email="${email}"]`);
  }

  async findUser(email: string): Promise<Locator> {
    await this.page.getByTestId("admin-user-search").fill(email);
    const row = this.userRow(email);
    await expect(row).toBeVisible();
    return row;
  }

  async grant(email: string, input: { amount: string; note: string }): Promise<void> {
    const row = await this.findUser(email);
    await row.getByTestId("admin-user-grant-open").click();
    await row.getByTestId("admin-grant-amount").fill(input.amount);
    await row.getByTestId("admin-grant-note").fill(input.note);
    await row.getByTestId("admin-grant-submit").click();
    await expect(row.getByTestId("admin-user-grant-done")).toBeVisible();
  }

  /** Creates one code and returns it, as shown that one time. */
  async createRedeemCode(input: { amount: string; note: string }): Promise<string> {
    await this.page.getByTestId("admin-redeem-amount").fill(input.amount);
    await this.page.getByTestId("admin-redeem-count").fill("1");
    await this.page.getByTestId("admin-redeem-note").fill(input.note);
    await this.page.getByTestId("admin-redeem-create").click();
    const shown = this.page.getByTestId("admin-redeem-created-codes");
    await expect(shown).toBeVisible();
    return (await shown.innerText()).trim();
  }

  providerRow(providerId: string): Locator {
    return this.page.getByTestId(`admin-provider-row-${providerId}`);
  }

  async configureProvider(providerId: string, input: { apiKey?: string; baseUrl?: string }): Promise<void> {
    const form = this.page.getByTestId(`admin-provider-form-${providerId}`);
    if (!(await form.isVisible())) await this.page.getByTestId(`admin-provider-edit-${providerId}`).click();
    if (input.apiKey !== undefined) await this.page.getByTestId(`admin-provider-key-input-${providerId}`).fill(input.apiKey);
    if (input.baseUrl !== undefined) await this.page.getByTestId(`admin-provider-url-input-${providerId}`).fill(input.baseUrl);
    await this.page.getByTestId(`admin-provider-save-${providerId}`).click();
  }

  async setFreeLimits(limits: { perMinute: number; perDay: number; perDayPurchased: number }): Promise<void> {
    for (const [name, value] of Object.entries(limits)) {
      await this.page.getByTestId(`admin-free-limit-${name}`).fill(String(value));
    }
    await this.page.getByTestId("admin-free-limits-save").click();
    await expect(this.page.getByTestId("admin-free-limits-saved")).toContainText("Saved");
  }
}
