import { expect, test, type Page } from "@playwright/test";
import { signedInRoom } from "../support/accounts";
import { ActivityPage } from "./pages/activity-page";
import { LogsPage } from "./pages/logs-page";

const swift = "simulated/swift-mini";
const sage = "simulated/sage-pro";

/** A key made the way a user makes one, then used as an API client would. */
async function createKey(page: Page, name: string): Promise<string> {
  const response = await page.request.post("/api/keys", { data: { name } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { key: string }).key;
}

async function complete(page: Page, key: string, model: string, prompt: string): Promise<number> {
  const response = await page.request.post("/api/v1/chat/completions", {
    headers: { Authorization: `Bearer ${key}` },
    data: { model, messages: [{ role: "user", content: prompt }], max_tokens: 60 },
  });
  return response.status();
}

test.describe("activity and logs", () => {
  test.setTimeout(120_000);

  test("a new user sees an empty dashboard and log, and the APIs refuse strangers and bad ranges", async ({ browser, playwright, baseURL }) => {
    const room = await signedInRoom(browser, "empty-activity");
    const activity = new ActivityPage(room.page);
    await activity.open();
    await expect(activity.emptyState()).toBeVisible();

    const logs = new LogsPage(room.page);
    await logs.open();
    await expect(room.page.getByTestId("logs-empty")).toBeVisible();

    const badRange = await room.page.request.get("/api/activity?from=yesterday&to=2026-01-01T00:00:00Z");
    expect(badRange.status()).toBe(400);
    expect(((await badRange.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const tooManyHours = await room.page.request.get("/api/activity?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&granularity=hour");
    expect(tooManyHours.status()).toBe(400);

    const stranger = await playwright.request.newContext({ baseURL });
    expect((await stranger.get("/api/activity?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")).status()).toBe(401);
    expect((await stranger.get("/api/generations")).status()).toBe(401);
    expect((await stranger.get("/api/generations/anything")).status()).toBe(401);
    await stranger.dispose();
    await room.page.context().close();
  });

  test("requests made with a key show up as spend, charts, log rows and a detail page", async ({ browser }) => {
    const room = await signedInRoom(browser, "activity", "5");
    const page = room.page;
    const key = await createKey(page, "Integration tests");
    expect(await complete(page, key, swift, "Tell me about rivers")).toBe(200);
    expect(await complete(page, key, swift, "Tell me about mountains")).toBe(200);
    expect(await complete(page, key, sage, "Tell me about deserts")).toBe(200);
    // A failing upstream is logged too, as an error.
    expect(await complete(page, key, swift, "Fail please [fault:500]")).toBeGreaterThanOrEqual(400);

    const activity = new ActivityPage(page);
    await activity.open();
    await expect(activity.stat("requests")).not.toHaveText("0");
    await expect(activity.stat("spend")).not.toHaveText("$0");
    await expect(activity.stat("spend")).toContainText("$");
    await expect(activity.chart("spend").getByTestId("chart-bar")).toHaveCount(7);
    await expect(activity.chart("spend").getByTestId("chart-spend-legend")).toContainText(swift);
    await expect(activity.breakdownRows()).toHaveCount(2);
    await activity.showBreakdownBy("key");
    await expect(activity.breakdownRows().first()).toContainText("Integration tests");

    // Hovering today's bar tells what it holds.
    await activity.chart("spend").getByTestId("chart-bar").last().hover();
    await expect(activity.chart("spend").getByTestId("chart-tooltip")).toContainText(swift);
    await page.screenshot({ path: "e2e/screenshots/activity-wide.png", fullPage: true });

    await activity.choose("24h");
    await expect(activity.chart("tokens").getByTestId("chart-bar")).toHaveCount(24);
    await expect(activity.stat("requests")).not.toHaveText("0");
    await page.setViewportSize({ width: 390, height: 844 });
    // The charts redraw at the narrower width instead of pushing the page sideways.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "e2e/screenshots/activity-narrow.png", fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The API pages by cursor without repeating a row.
    const firstPage = (await (await page.request.get("/api/generations?limit=3")).json()) as { data: Array<{ id: string }>; next_cursor: string | null };
    expect(firstPage.data).toHaveLength(3);
    const secondPage = (await (await page.request.get(`/api/generations?limit=3&cursor=${firstPage.next_cursor}`)).json()) as { data: Array<{ id: string }>; next_cursor: string | null };
    expect(secondPage.data).toHaveLength(1);
    expect(secondPage.next_cursor).toBeNull();
    expect(firstPage.data.map((row) => row.id)).not.toContain(secondPage.data[0]?.id);

    const logs = new LogsPage(page);
    await logs.open();
    await expect(logs.rows()).toHaveCount(4);
    await expect(logs.rows().first().getByTestId("status-badge")).toContainText("error");
    await logs.filterBy("model", sage);
    await expect(logs.rows()).toHaveCount(1);
    await logs.clearFilters();
    await logs.filterBy("status", "success");
    await expect(logs.rows()).toHaveCount(3);
    await page.screenshot({ path: "e2e/screenshots/logs-wide.png", fullPage: true });

    await logs.openRow(0);
    await expect(page).toHaveURL(/\/logs\/[^/]+$/);
    await expect(logs.detail("detail-prompt-tokens")).toHaveText(/^[1-9][\d,]*$/);
    await expect(logs.detail("detail-completion-tokens")).toHaveText(/^[1-9][\d,]*$/);
    await expect(logs.detail("detail-cost")).toContainText("$");
    await expect(logs.detail("detail-cost")).not.toHaveText("$0");
    await expect(logs.detail("detail-provider")).not.toBeEmpty();
    await expect(logs.detail("detail-attempt")).not.toHaveCount(0);
    await expect(logs.detail("detail-content-off")).toContainText("prompt logging is off");
    await page.screenshot({ path: "e2e/screenshots/log-detail.png", fullPage: true });

    // Another user cannot open it.
    const detailUrl = page.url();
    const generationId = detailUrl.split("/").pop() ?? "";
    const other = await signedInRoom(browser, "intruder");
    expect((await other.page.request.get(`/api/generations/${generationId}`)).status()).toBe(404);
    const response = await other.page.goto(detailUrl);
    expect(response?.status()).toBe(404);
    await other.page.context().close();
    await page.context().close();
  });
});
