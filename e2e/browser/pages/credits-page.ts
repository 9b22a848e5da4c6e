import { expect, type Locator, type Page } from "@playwright/test";

/** The credits page at /credits, driven through its data-testid attributes. */
export class CreditsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/credits");
    await expect(this.balance()).toBeVisible();
  }

  balance(): Locator {
    return this.page.getByTestId("balance-amount");
  }

  ledgerEntries(): Locator {
    return this.page.getByTestId("ledger-entry");
  }

  ledgerEntry(kind: string): Locator {
    return this.page.locator(`[data-testid="ledger-entry"][data-kind="${kind}"]`);
  }

  async redeem(code: string): Promise<void> {
    await this.page.getByTestId("redeem-code-input").fill(code);
    await this.page.getByTestId("redeem-submit").click();
  }

  redeemSuccess(): Locator {
    return this.page.getByTestId("redeem-success");
  }

  redeemError(): Locator {
    return this.page.getByTestId("redeem-error");
  }

  buySection(): Locator {
    return this.page.getByTestId("buy-section");
  }

  async buy(dollars: string): Promise<void> {
    await this.page.getByTestId("buy-amount-input").fill(dollars);
    await this.page.getByTestId("buy-submit").click();
  }
}
