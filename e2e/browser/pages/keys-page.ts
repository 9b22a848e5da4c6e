import { expect, type Locator, type Page } from "@playwright/test";

/** The API keys page at /keys, driven through its data-testid attributes. */
export class KeysPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/keys");
    await expect(this.page.getByTestId("keys-page")).toBeVisible();
  }

  emptyState(): Locator {
    return this.page.getByTestId("keys-empty");
  }

  rows(): Locator {
    return this.page.getByTestId("key-row");
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByTestId("key-name").getByText(name, { exact: true }) });
  }

  createdDialog(): Locator {
    return this.page.getByTestId("created-key-dialog");
  }

  /** Fills the create form and returns the secret the dialog shows, leaving the dialog open. */
  async createKey(input: { name: string; limit?: string; reset?: "never" | "daily" | "weekly" | "monthly" }): Promise<string> {
    await this.page.getByTestId("create-key-button").first().click();
    const form = this.page.getByTestId("create-key-dialog");
    await expect(form).toBeVisible();
    await form.getByTestId("new-key-name-input").fill(input.name);
    if (input.limit !== undefined) await form.getByTestId("limit-amount-input").fill(input.limit);
    if (input.reset) await form.getByTestId("limit-reset-select").selectOption(input.reset);
    await form.getByTestId("create-key-submit").click();
    await expect(this.createdDialog()).toBeVisible();
    return (await this.createdDialog().getByTestId("created-key-secret").innerText()).trim();
  }

  async closeCreatedDialog(): Promise<void> {
    await this.createdDialog().getByTestId("created-key-done").click();
    await expect(this.createdDialog()).toBeHidden();
  }

  async rename(from: string, to: string): Promise<void> {
    // While the name is being edited it is an input, so the row is found again by its id.
    const id = await this.row(from).getAttribute("data-key-id");
    const row = this.page.locator(`[data-testid="key-row"][data-key-id="${id}"]`);
    await row.getByTestId("rename-key-button").click();
    await row.getByTestId("rename-key-input").fill(to);
    await row.getByTestId("rename-key-input").press("Enter");
    await expect(this.row(to)).toBeVisible();
  }

  async setLimit(name: string, input: { limit: string; reset: "never" | "daily" | "weekly" | "monthly" }): Promise<void> {
    const row = this.row(name);
    await row.getByTestId("edit-limit-button").click();
    await row.getByTestId("limit-amount-input").fill(input.limit);
    await row.getByTestId("limit-reset-select").selectOption(input.reset);
    await row.getByTestId("limit-save").click();
    await expect(row.getByTestId("limit-form")).toHaveCount(0);
  }

  async clearLimit(name: string): Promise<void> {
    const row = this.row(name);
    await row.getByTestId("edit-limit-button").click();
    await row.getByTestId("limit-clear").click();
    await expect(row.getByTestId("limit-form")).toHaveCount(0);
  }

  async toggle(name: string): Promise<void> {
    await this.row(name).getByTestId("toggle-key-button").click();
  }

  async delete(name: string): Promise<void> {
    await this.row(name).getByTestId("delete-key-button").click();
    const dialog = this.page.getByTestId("delete-key-dialog").filter({ visible: true });
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("confirm-delete-key").click();
    await expect(this.row(name)).toHaveCount(0);
  }
}
