import { expect, test, type Page } from "@playwright/test";

/** The sign-in and sign-up pages, addressed by their data-testid attributes. */
class AuthPages {
  constructor(private readonly page: Page) {}

  async signUp(input: { email: string; password: string; name?: string }): Promise<void> {
    await this.page.getByTestId("email-input").fill(input.email);
    await this.page.getByTestId("password-input").fill(input.password);
    if (input.name) await this.page.getByTestId("name-input").fill(input.name);
    await this.page.getByTestId("submit-button").click();
  }

  async signIn(input: { email: string; password: string }): Promise<void> {
    await this.page.getByTestId("email-input").fill(input.email);
    await this.page.getByTestId("password-input").fill(input.password);
    // Enter submits: the form must work from the keyboard alone.
    await this.page.getByTestId("password-input").press("Enter");
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId("sign-out-button").click();
    await expect(this.page.getByTestId("header-sign-in")).toBeVisible();
    // Signed out for good: no late response (a prefetch of a signed-in page) may set the session cookie again.
    await this.page.waitForTimeout(500);
    expect((await this.page.context().cookies()).map((cookie) => cookie.name).filter((name) => name.includes("session-token"))).toEqual([]);
  }
}

const account = { email: "first.admin@example.com", password: "correct horse battery", name: "First Admin" };

test("sign up, sign out, sign in again, and a wrong password is refused", async ({ page }) => {
  const auth = new AuthPages(page);

  // Signed out, /chat sends you to sign in and remembers where you were going.
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fchat$/);
  await expect(page.getByTestId("header-sign-up")).toBeVisible();

  await page.goto("/sign-up");
  await expect(page.getByTestId("sign-up-page")).toBeVisible();
  await expect(page.getByTestId("oauth-buttons")).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/sign-up-wide.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/sign-up-narrow.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // A short password is explained before anything is created.
  await auth.signUp({ email: account.email, password: "short" });
  await expect(page.getByTestId("password-error")).toContainText("at least 8 characters");
  await expect(page.getByTestId("email-input")).toHaveValue(account.email);

  await auth.signUp(account);
  await expect(page).toHaveURL(/\/chat/);
  await expect(page.getByTestId("user-email")).toHaveText(account.email);

  await auth.signOut();
  await expect(page.getByTestId("user-email")).toHaveCount(0);

  // The same email cannot sign up twice.
  await page.goto("/sign-up");
  await auth.signUp({ email: account.email.toUpperCase(), password: "another password" });
  await expect(page.getByTestId("email-error")).toContainText("already exists");

  await page.goto("/sign-in");
  await auth.signIn({ email: account.email, password: "not the password" });
  await expect(page.getByTestId("form-error")).toContainText("don't match");
  await expect(page.getByTestId("user-email")).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/sign-in-error.png", fullPage: true });

  await auth.signIn(account);
  await expect(page).toHaveURL(/\/chat/);
  await expect(page.getByTestId("user-email")).toHaveText(account.email);

  // The landing page still works, now with the header.
  await page.getByTestId("models-link").click();
  await expect(page.getByTestId("title")).toHaveText("Switchyard");
  await expect(page.getByTestId("user-email")).toHaveText(account.email);
});

test("sign-in returns to the page that asked for it", async ({ page }) => {
  await page.goto("/chat/some-conversation");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fchat%2Fsome-conversation$/);
  await new AuthPages(page).signIn(account);
  await expect(page).toHaveURL(/\/chat\/some-conversation$/);
});

test("after ten wrong passwords the form says to wait, and refuses even the right one", async ({ page }) => {
  const auth = new AuthPages(page);
  const target = { email: "guessed.at@example.com", password: "the real password" };
  await page.goto("/sign-up");
  await auth.signUp(target);
  await expect(page).toHaveURL(/\/chat/);
  await auth.signOut();

  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 10; attempt++) {
    await auth.signIn({ email: target.email, password: `guess number ${attempt}` });
    // The form clears the password once the answer is in; only then is the next guess typed.
    await expect(page.getByTestId("password-input")).toHaveValue("");
    await expect(page.getByTestId("form-error")).toContainText("don't match");
  }
  await auth.signIn(target);
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-ins");
  await expect(page.getByTestId("user-email")).toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/sign-in-throttled.png", fullPage: true });
});
