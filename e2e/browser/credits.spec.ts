import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createRedeemCode, grantCreditsWithNote } from "../support/billing";
import { CreditsPage } from "./pages/credits-page";
import { SignUpPage } from "./pages/sign-up-page";

test.describe("credits page", () => {
  test.setTimeout(90_000);

  test("a grant shows in the balance and history, a code is redeemed once, and buying says payments are off", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const email = uniqueEmail("credits");
    await new SignUpPage(page).signUp({ email, password: "correct horse battery staple" });
    const credits = new CreditsPage(page);
    await credits.open();
    await expect(credits.balance()).toHaveText("$0.00");
    await expect(page.getByTestId("ledger-empty")).toBeVisible();

    grantCreditsWithNote({ email, credits: "12.5", note: "Welcome credits" });
    await page.reload();
    await expect(credits.balance()).toHaveText("$12.50");
    const grant = credits.ledgerEntry("grant");
    await expect(grant).toHaveCount(1);
    await expect(grant.getByTestId("ledger-kind")).toHaveText("Credit grant");
    await expect(grant.getByTestId("ledger-amount")).toHaveText("+$12.50");
    await expect(grant.getByTestId("ledger-note")).toHaveText("Welcome credits");

    const { code, prefix } = createRedeemCode("2.25");
    await credits.redeem(code);
    await expect(credits.redeemSuccess()).toHaveText("Added $2.25. Your balance is now $14.75.");
    await expect(credits.balance()).toHaveText("$14.75");
    const redeemed = credits.ledgerEntry("redeem");
    await expect(redeemed.getByTestId("ledger-amount")).toHaveText("+$2.25");
    await expect(redeemed.getByTestId("ledger-note")).toContainText(prefix);
    await expect(credits.ledgerEntries().first()).toHaveAttribute("data-kind", "redeem");

    await credits.redeem(code);
    await expect(credits.redeemError()).toHaveText("You have already redeemed this code.");
    await expect(credits.balance()).toHaveText("$14.75");
    await expect(credits.ledgerEntries()).toHaveCount(2);

    await credits.redeem("SY-NOT-A-REAL-CODE");
    await expect(credits.redeemError()).toContainText("does not exist");

    // The test server has no Stripe keys: the account says so, and the section is off from the start, with the reason.
    await expect(credits.buySection()).toHaveAttribute("data-available", "false");
    await expect(page.getByTestId("buy-unavailable")).toContainText("not set up");
    await expect(page.getByTestId("buy-submit")).toBeDisabled();

    await page.screenshot({ path: "e2e/screenshots/credits-wide.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "e2e/screenshots/credits-narrow.png", fullPage: true });

    // Stripe's return address, if it pointed here, would be acknowledged.
    await page.goto("/credits?credits=cancelled");
    await expect(page.getByTestId("checkout-return")).toContainText("cancelled");
    await context.close();
  });
});
