import { expect, type Page } from "@playwright/test";

/** The sign-up form the auth pages serve (their test ids: email-input, password-input, submit-button). */
export class SignUpPage {
  constructor(private readonly page: Page) {}

  async signUp(input: { email: string; password: string }): Promise<void> {
    await this.page.goto("/sign-up");
    await this.page.getByTestId("email-input").fill(input.email);
    await this.page.getByTestId("password-input").fill(input.password);
    await this.page.getByTestId("submit-button").click();
    // Signing up signs in and leaves the form; waiting for that keeps the session cookie in place for what follows.
    await expect(this.page).not.toHaveURL(/\/sign-up/);
  }
}
