import { expect, test, type Page } from "@playwright/test";
import { signedInRoom } from "../support/accounts";

const models = ["simulated/swift-mini", "simulated/sage-pro", "simulated/scout:free", "simulated/toolsmith", "simulated/lumen-vision", "simulated/sage-thinker"];

/** Presses Tab until the element with this test id has focus: it must be reachable, in a sensible number of steps. */
async function tabTo(page: Page, testId: string, maximumPresses = 40): Promise<void> {
  for (let presses = 0; presses < maximumPresses; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    if (focused === testId) return;
  }
  throw new Error(`${testId} was not reached with ${maximumPresses} presses of Tab`);
}

test("keyboard only: six models answer one multi-line prompt, reasoning stays collapsed, the room is kept and exported", async ({ browser }) => {
  test.setTimeout(120_000);
  const room = await signedInRoom(browser, "keyboard", "5");
  const page = room.page;
  await room.open([models[0]!]);

  for (const model of models.slice(1)) {
    await tabTo(page, "add-model", 120);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("model-search")).toBeFocused();
    await page.keyboard.type(model.replace("simulated/", ""));
    await expect(page.getByTestId("model-option").first()).toHaveAttribute("data-model", model);
    await page.keyboard.press("Enter");
    await expect(room.column(model).root).toBeVisible();
  }
  await expect(room.columns()).toHaveCount(6);

  // Escape closes the picker without adding anything.
  await tabTo(page, "add-model", 120);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("model-picker")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("model-picker")).toBeHidden();
  await expect(page.getByTestId("add-model")).toBeFocused();

  // Shift+Enter makes a new line, Enter sends to every column.
  await tabTo(page, "composer", 120);
  await page.keyboard.type("First line");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("second line");
  await page.keyboard.press("Enter");
  for (const model of models) {
    const column = room.column(model);
    await expect(column.userMessages()).toHaveCount(1);
    await expect(column.userMessages().first()).toContainText("First line");
    await expect(column.userMessages().first()).toContainText("second line");
    await column.waitForCompleteReply(1);
  }

  // A model that reasons shows it folded away under its answer's heading.
  const thinker = room.column("simulated/sage-thinker").lastReply();
  await expect(thinker.getByTestId("reasoning")).toHaveCount(1);
  await expect(thinker.getByTestId("reasoning")).not.toHaveAttribute("open", /.*/);
  await expect(thinker.getByTestId("markdown")).not.toHaveCount(0);
  await page.screenshot({ path: "e2e/screenshots/chatroom-six-models.png" });

  // Room settings by keyboard, kept across a reload with every column.
  await tabTo(page, "toggle-settings", 120);
  await page.keyboard.press("Enter");
  await tabTo(page, "settings-temperature");
  await page.keyboard.type("0.3");
  await page.keyboard.press("Tab");
  await expect(page).toHaveURL(/\/chat\/[^/?]+/);
  const conversationId = new URL(page.url()).pathname.split("/").pop()!;
  await expect
    .poll(async () => ((await (await page.request.get(`/api/conversations/${conversationId}`)).json()) as { data: { settings: { temperature?: number } } }).data.settings.temperature)
    .toBe(0.3);
  await page.reload();
  await expect(room.columns()).toHaveCount(6);
  for (const model of models) await expect(room.column(model).assistantMessages()).toHaveCount(1);

  // Both exports hold every column's thread.
  const markdown = await (await page.request.get(`/api/conversations/${conversationId}/export?format=markdown`)).text();
  for (const model of models) expect(markdown).toContain(`## ${model}`);
  expect(markdown).toContain("First line");
  const exported = (await (await page.request.get(`/api/conversations/${conversationId}/export?format=json`)).json()) as { threads: Record<string, unknown[]> };
  expect(Object.values(exported.threads).filter((thread) => thread.length === 2)).toHaveLength(6);
  await page.context().close();
});
