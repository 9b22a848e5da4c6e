import { expect, type Locator, type Page } from "@playwright/test";

/** The chatroom at /chat, driven through its data-testid attributes. */
export class ChatRoomPage {
  constructor(readonly page: Page) {}

  async open(models: readonly string[] = []): Promise<void> {
    await this.page.goto(models.length > 0 ? `/chat?models=${models.join(",")}` : "/chat");
    await expect(this.columns().first()).toBeVisible();
  }

  columns(): Locator {
    return this.page.getByTestId("chat-column");
  }

  column(model: string): ChatColumnPart {
    return new ChatColumnPart(this.page.locator(`[data-testid="chat-column"][data-model="${model}"]`));
  }

  async addModel(search: string, model: string): Promise<void> {
    await this.page.getByTestId("add-model").click();
    const picker = this.page.getByTestId("model-picker");
    await expect(picker).toBeVisible();
    await this.page.getByTestId("model-search").fill(search);
    await expect(picker.getByTestId("model-option").first()).toHaveAttribute("data-model", model);
    await this.page.getByTestId("model-search").press("Enter");
    await expect(picker).toBeHidden();
    await expect(this.column(model).root).toBeVisible();
  }

  async send(prompt: string): Promise<void> {
    await this.page.getByTestId("composer").fill(prompt);
    await this.page.getByTestId("composer").press("Enter");
  }

  totalCost(): Locator {
    return this.page.getByTestId("room-total-cost");
  }

  conversationItems(): Locator {
    return this.page.getByTestId("conversation-item");
  }
}

export class ChatColumnPart {
  constructor(readonly root: Locator) {}

  assistantMessages(): Locator {
    return this.root.getByTestId("assistant-message");
  }

  lastReply(): Locator {
    return this.assistantMessages().last();
  }

  userMessages(): Locator {
    return this.root.getByTestId("user-message");
  }

  async waitForCompleteReply(count: number): Promise<void> {
    await expect(this.assistantMessages()).toHaveCount(count, { timeout: 30_000 });
    await expect(this.lastReply()).toHaveAttribute("data-status", "complete", { timeout: 30_000 });
    await expect(this.lastReply().getByTestId("reply-cost")).toBeVisible();
  }

  async stop(): Promise<void> {
    await this.root.getByTestId("stop-column").click();
  }

  async regenerate(): Promise<void> {
    await this.lastReply().getByTestId("regenerate").click();
  }

  async editLastPrompt(text: string, options: { allColumns: boolean }): Promise<void> {
    await this.userMessages().last().getByTestId("edit-message").click();
    await this.root.getByTestId("edit-input").fill(text);
    await this.root.getByTestId(options.allColumns ? "edit-resend-all" : "edit-resend").click();
  }

  error(): Locator {
    return this.root.getByTestId("reply-error");
  }
}
