import { expect, type Locator, type Page } from "@playwright/test";

/** The request log at /logs and a generation's page at /logs/[id]. */
export class LogsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/logs");
    await expect(this.page.getByTestId("logs-page")).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId("log-row");
  }

  async filterBy(filter: "model" | "provider" | "key" | "status", value: string): Promise<void> {
    await this.page.getByTestId(`filter-${filter}`).selectOption(value);
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId("filter-clear").click();
  }

  loadMore(): Locator {
    return this.page.getByTestId("logs-load-more");
  }

  async openRow(index: number): Promise<void> {
    await this.rows().nth(index).getByTestId("log-row-link").click();
    await expect(this.page.getByTestId("log-detail")).toBeVisible();
  }

  detail(testId: string): Locator {
    return this.page.getByTestId(testId);
  }
}
