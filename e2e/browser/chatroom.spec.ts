import { expect, test } from "@playwright/test";
import { signedInRoom } from "../support/accounts";

const swift = "simulated/swift-mini";
const sage = "simulated/sage-pro";
const scout = "simulated/scout:free";

test.describe("chatroom", () => {
  test.setTimeout(120_000);

  test("three models answer side by side, one is stopped, one regenerated, and the room survives a reload", async ({ browser }) => {
    const room = await signedInRoom(browser, "room", "5");
    await room.open([swift, sage]);
    await room.addModel("scout", scout);
    await expect(room.columns()).toHaveCount(3);

    await room.send("Tell me about rivers");
    for (const model of [swift, sage, scout]) {
      const column = room.column(model);
      await column.waitForCompleteReply(1);
      await expect(column.lastReply().getByTestId("reply-tokens")).toContainText(/\d+ in · \d+ out/);
      await expect(column.lastReply().getByTestId("reply-cost")).toContainText("$");
    }
    // The room got its id without a reload that would have cut the streams.
    await expect(room.page).toHaveURL(/\/chat\/[^/]+$/);
    await expect(room.totalCost()).not.toHaveText("$0");
    await expect(room.conversationItems()).toHaveCount(1);

    // A slowed-down prompt gives time to stop the slow model mid-answer while the others finish.
    await room.send("Explain volcanoes in great detail [fault:slow]");
    const slow = room.column(sage);
    await expect(slow.assistantMessages()).toHaveCount(2, { timeout: 30_000 });
    await expect(slow.lastReply()).toHaveAttribute("data-status", "streaming");
    await expect(slow.lastReply().getByTestId("markdown")).not.toHaveCount(0, { timeout: 30_000 });
    await slow.stop();
    await expect(slow.lastReply()).toHaveAttribute("data-status", "stopped");
    await room.column(swift).waitForCompleteReply(2);
    await room.column(scout).waitForCompleteReply(2);

    const regenerated = room.column(swift);
    const before = await regenerated.lastReply().innerText();
    await regenerated.regenerate();
    await expect(regenerated.lastReply()).toHaveAttribute("data-status", "streaming");
    await regenerated.waitForCompleteReply(2);
    expect((await regenerated.lastReply().innerText()).length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);

    await room.page.screenshot({ path: "e2e/screenshots/chatroom-wide.png" });
    await room.page.setViewportSize({ width: 390, height: 844 });
    await room.page.screenshot({ path: "e2e/screenshots/chatroom-narrow.png", fullPage: true });
    await room.page.setViewportSize({ width: 1440, height: 900 });

    await room.page.reload();
    await expect(room.columns()).toHaveCount(3);
    for (const model of [swift, sage, scout]) {
      await expect(room.column(model).userMessages()).toHaveCount(2);
      await expect(room.column(model).assistantMessages()).toHaveCount(2);
    }
    await expect(room.column(swift).lastReply().getByTestId("reply-cost")).toBeVisible();
    // The stopped reply kept its partial text and is billed for what it used, as recorded.
    const stopped = room.column(sage).lastReply();
    await expect(stopped).toHaveAttribute("data-status", "stopped");
    await expect(stopped.getByTestId("markdown")).not.toHaveCount(0);
    await expect(stopped.getByTestId("reply-tokens")).toBeVisible();
    await expect(stopped.getByTestId("reply-cost")).not.toHaveText(/\$0$/);
    await room.page.screenshot({ path: "e2e/screenshots/chatroom-reloaded.png" });

    // Editing the last prompt "for all columns" rewrites it everywhere and every column answers again.
    await room.column(swift).editLastPrompt("Tell me about glaciers", { allColumns: true });
    for (const model of [swift, sage, scout]) {
      await expect(room.column(model).userMessages().last()).toContainText("Tell me about glaciers");
      await room.column(model).waitForCompleteReply(2);
    }

    // A model added mid-conversation starts its own empty thread and answers from the next prompt;
    // a removed one leaves the room; both changes outlive a reload.
    await room.addModel("lumen", "simulated/lumen-vision");
    await expect(room.column("simulated/lumen-vision").userMessages()).toHaveCount(0);
    await room.column(scout).root.getByTestId("remove-model").click();
    await expect(room.column(scout).root).toHaveCount(0);
    // A long question gets a long answer, so the fastest model is still streaming when the slowest has started.
    await room.send(
      "One more question, to answer at length: how do rivers, glaciers, winds, waves and rain each shape mountains, valleys and coasts over thousands of years, and which of them leaves the deepest mark? [fault:slow]",
    );
    const answering = [swift, sage, "simulated/lumen-vision"];
    await Promise.all(answering.map((model) => expect(room.column(model).lastReply()).toHaveAttribute("data-status", "streaming", { timeout: 30_000 })));
    // Stop all stops every column at once.
    await room.page.getByTestId("stop-all").click();
    for (const model of answering) await expect(room.column(model).lastReply()).toHaveAttribute("data-status", "stopped");
    await expect(room.column("simulated/lumen-vision").userMessages()).toHaveCount(1);
    await room.page.reload();
    await expect(room.columns()).toHaveCount(3);
    await expect(room.column(scout).root).toHaveCount(0);
    await expect(room.column("simulated/lumen-vision").assistantMessages()).toHaveCount(1);
    await expect(room.column(swift).userMessages()).toHaveCount(3);

    // A new chat starts empty; deleting the conversation takes it off the list.
    await room.page.getByTestId("new-chat").click();
    await expect(room.page).toHaveURL(/\/chat$/);
    await expect(room.page.getByTestId("user-message")).toHaveCount(0);
    await room.conversationItems().first().getByTestId("delete-conversation").click();
    await expect(room.conversationItems()).toHaveCount(0);
    await room.page.context().close();
  });

  test("an account without credits sees why its reply failed", async ({ browser }) => {
    const room = await signedInRoom(browser, "broke");
    await room.open([swift]);
    await room.send("Hello there");
    const error = room.column(swift).error();
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(error).toContainText(/credit|balance/i);
    await room.page.context().close();
  });
});
