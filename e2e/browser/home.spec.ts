import { expect, test } from "@playwright/test";

test("the home page shows the quickstart and the routable models", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("title")).toHaveText("Switchyard");
  await expect(page.getByTestId("curl-example")).toContainText("/api/v1/chat/completions");
  const rows = page.getByTestId("model-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId("model-table")).toContainText("simulated/swift-mini");
  await expect(page.getByTestId("model-table")).toContainText("free");
  // Each provider shows what the gateway observed of it, or says it has not measured it yet.
  await expect(page.getByTestId("provider-health").first()).toHaveText(/not measured yet|% up/);
  await page.screenshot({ path: "e2e/screenshots/home-wide.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "e2e/screenshots/home-narrow.png", fullPage: true });
});
