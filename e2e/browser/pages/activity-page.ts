import { expect, type Locator, type Page } from "@playwright/test";

/** The usage dashboard at /activity, driven through its data-testid attributes. */
export class ActivityPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/activity");
    await expect(this.page.getByTestId("activity-page")).toBeVisible();
    await expect(this.page.getByTestId("activity-loading")).toHaveCount(0);
  }

  async choose(preset: "24h" | "7d" | "30d"): Promise<void> {
    await this.page.getByTestId(`range-${preset}`).click();
    await expect(this.page.getByTestId(`range-${preset}`)).toHaveAttribute("aria-pressed", "true");
  }

  stat(id: "spend" | "requests" | "tokens" | "latency"): Locator {
    return this.page.getByTestId(`stat-${id}-value`);
  }

  chart(id: "spend" | "tokens" | "requests"): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  emptyState(): Locator {
    return this.page.getByTestId("activity-empty");
  }

  breakdownRows(): Locator {
    return this.page.getByTestId("breakdown-row");
  }

  async showBreakdownBy(tab: "model" | "provider" | "key"): Promise<void> {
    await this.page.getByTestId(`breakdown-tab-${tab}`).click();
  }
}
