import { expect, type Locator, type Page } from "@playwright/test";

/** /settings: prompt logging and the user's own provider keys. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/settings");
    await expect(this.page.getByTestId("settings-page")).toBeVisible();
  }

  loggingToggle(): Locator {
    return this.page.getByTestId("prompt-logging-toggle");
  }

  async turnOnPromptLogging(days: number): Promise<void> {
    await this.loggingToggle().check();
    await this.page.getByTestId("prompt-retention-input").fill(String(days));
    await this.page.getByTestId("prompt-logging-save").click();
    await expect(this.page.getByTestId("prompt-logging-saved")).toContainText(`kept for ${days} days`);
  }

  async addProviderKey(providerId: string, apiKey: string): Promise<void> {
    await this.page.getByTestId(`provider-key-edit-${providerId}`).click();
    await this.page.getByTestId(`provider-key-input-${providerId}`).fill(apiKey);
    await this.page.getByTestId(`provider-key-save-${providerId}`).click();
  }

  keyPrefix(providerId: string): Locator {
    return this.page.getByTestId(`provider-key-prefix-${providerId}`);
  }
}
