import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "./client";
import {
  ConversationNotFoundError,
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  MessageIdTakenError,
  saveAssistantMessage,
  syncSlotThread,
  updateConversation,
} from "./conversation-queries";
import { applyMigrations } from "./migrate";
import { createScratchSqlite, type ScratchDatabase } from "./test-databases";

let database: ScratchDatabase;
let prisma: PrismaClient;
let alice: string;
let mallory: string;

beforeEach(async () => {
  database = createScratchSqlite();
  await applyMigrations({ databaseUrl: database.url });
  prisma = createPrismaClient({ databaseUrl: database.url });
  alice = (await prisma.user.create({ data: { email: "alice@example.com" } })).id;
  mallory = (await prisma.user.create({ data: { email: "mallory@example.com" } })).id;
});

afterEach(async () => {
  await prisma.$disconnect();
  await database.drop();
});

const userMessage = (id: string, text: string) => ({ id, role: "user", parts: [{ type: "text", text }] });

async function recordGeneration(id: string, userId: string, costMicros: bigint) {
  await prisma.generation.create({
    data: {
      id,
      userId,
      requestedModel: "acme/model",
      model: "acme/model",
      providerId: "acme",
      providerName: "Acme",
      providerModel: "acme-1",
      promptTokens: 10,
      completionTokens: 20,
      costMicros,
      status: "success",
      latencyMs: 1100,
      timeToFirstTokenMs: 100,
    },
  });
}

describe("conversation queries", () => {
  it("keeps each column's thread, links replies to their generation and sums the room's cost", async () => {
    const room = await createConversation({ userId: alice, body: { slots: [{ id: "a", model: "acme/model" }, { id: "b", model: "acme/other" }] }, prisma });
    expect(room.title).toBe("New chat");

    await syncSlotThread({ conversationId: room.id, slotId: "a", messages: [userMessage("u1", "Tell me a story about trains")], prisma });
    await recordGeneration("gen-1", alice, 1500n);
    await saveAssistantMessage({ conversationId: room.id, slotId: "a", id: "r1", parts: [{ type: "text", text: "Once..." }], status: "complete", generationId: "gen-1", titleFromPrompt: "Tell me a story about trains", prisma });
    await syncSlotThread({ conversationId: room.id, slotId: "b", messages: [userMessage("u2", "Tell me a story about trains")], prisma });
    await saveAssistantMessage({ conversationId: room.id, slotId: "b", id: "r2", parts: [], status: "error", error: "You're out of credits.", prisma });

    const detail = await getConversation({ userId: alice, id: room.id, prisma });
    expect(detail.title).toBe("Tell me a story about trains");
    expect(detail.threads.a?.map((message) => message.id)).toEqual(["u1", "r1"]);
    expect(detail.threads.a?.[1]?.metadata).toMatchObject({ status: "complete", provider: "Acme", promptTokens: 10, completionTokens: 20, cost: 0.0015, tokensPerSecond: 20 });
    expect(detail.threads.b?.[1]?.metadata).toMatchObject({ status: "error", errorMessage: "You're out of credits." });
    expect(detail.totalCost).toBe(0.0015);
  });

  it("cuts a thread where an edit or a regenerate changed it, and never takes assistant messages from the client", async () => {
    const room = await createConversation({ userId: alice, body: { slots: [{ id: "a", model: "acme/model" }] }, prisma });
    await syncSlotThread({ conversationId: room.id, slotId: "a", messages: [userMessage("u1", "first")], prisma });
    await saveAssistantMessage({ conversationId: room.id, slotId: "a", id: "r1", parts: [{ type: "text", text: "one" }], status: "complete", prisma });
    await syncSlotThread({
      conversationId: room.id,
      slotId: "a",
      messages: [userMessage("u1", "first"), { id: "r1", role: "assistant", parts: [{ type: "text", text: "tampered" }] }, userMessage("u2", "second")],
      prisma,
    });
    await saveAssistantMessage({ conversationId: room.id, slotId: "a", id: "r2", parts: [{ type: "text", text: "two" }], status: "complete", prisma });
    let thread = (await getConversation({ userId: alice, id: room.id, prisma })).threads.a ?? [];
    expect(thread.map((message) => message.id)).toEqual(["u1", "r1", "u2", "r2"]);
    expect(thread[1]?.parts).toEqual([{ type: "text", text: "one" }]);

    // Edit the first prompt: the thread restarts from the edited message.
    await syncSlotThread({ conversationId: room.id, slotId: "a", messages: [userMessage("u1-edited", "first, edited")], prisma });
    thread = (await getConversation({ userId: alice, id: room.id, prisma })).threads.a ?? [];
    expect(thread.map((message) => message.id)).toEqual(["u1-edited"]);

    // A forged assistant message is not stored.
    await syncSlotThread({ conversationId: room.id, slotId: "a", messages: [userMessage("u1-edited", "x"), { id: "forged", role: "assistant", parts: [] }], prisma });
    thread = (await getConversation({ userId: alice, id: room.id, prisma })).threads.a ?? [];
    expect(thread.map((message) => message.id)).toEqual(["u1-edited"]);
  });

  it("shows, changes and deletes only the owner's conversations", async () => {
    const room = await createConversation({ userId: alice, body: { slots: [{ id: "a", model: "acme/model" }], title: "Alice's room" }, prisma });
    expect((await listConversations({ userId: alice, prisma })).map((summary) => summary.id)).toEqual([room.id]);
    expect(await listConversations({ userId: mallory, prisma })).toEqual([]);
    await expect(getConversation({ userId: mallory, id: room.id, prisma })).rejects.toBeInstanceOf(ConversationNotFoundError);
    await expect(updateConversation({ userId: mallory, id: room.id, body: { title: "mine now" }, prisma })).rejects.toBeInstanceOf(ConversationNotFoundError);
    await expect(deleteConversation({ userId: mallory, id: room.id, prisma })).rejects.toBeInstanceOf(ConversationNotFoundError);

    const updated = await updateConversation({ userId: alice, id: room.id, body: { systemPrompt: "Be brief.", settings: { temperature: 0.3 }, slots: [{ id: "a", model: "acme/model" }, { id: "c", model: "acme/new" }] }, prisma });
    expect(updated).toMatchObject({ title: "Alice's room", systemPrompt: "Be brief.", settings: { temperature: 0.3 }, slots: [{ id: "a" }, { id: "c" }] });
    await deleteConversation({ userId: alice, id: room.id, prisma });
    expect(await listConversations({ userId: alice, prisma })).toEqual([]);
  });

  it("refuses a new message whose id is already another message's, in another user's room or anywhere, and changes nothing", async () => {
    const alicesRoom = await createConversation({ userId: alice, body: { slots: [{ id: "a", model: "acme/model" }] }, prisma });
    await syncSlotThread({ conversationId: alicesRoom.id, slotId: "a", messages: [userMessage("alice-1", "Alice's words")], prisma });
    const before = await getConversation({ userId: alice, id: alicesRoom.id, prisma });

    // Message ids come from the browser: Mallory sends Alice's into her own room.
    const mallorysRoom = await createConversation({ userId: mallory, body: { slots: [{ id: "a", model: "acme/model" }, { id: "b", model: "acme/model" }] }, prisma });
    const takeOver = syncSlotThread({ conversationId: mallorysRoom.id, slotId: "a", messages: [userMessage("alice-1", "Mallory's words")], prisma });
    await expect(takeOver).rejects.toBeInstanceOf(MessageIdTakenError);
    expect(await getConversation({ userId: alice, id: alicesRoom.id, prisma })).toEqual(before);
    expect((await getConversation({ userId: mallory, id: mallorysRoom.id, prisma })).threads).toEqual({});

    // The same within one user's room: a column cannot take over another column's message.
    await syncSlotThread({ conversationId: mallorysRoom.id, slotId: "a", messages: [userMessage("mallory-1", "hello")], prisma });
    await expect(syncSlotThread({ conversationId: mallorysRoom.id, slotId: "b", messages: [userMessage("mallory-1", "hello")], prisma })).rejects.toBeInstanceOf(
      MessageIdTakenError,
    );
    expect((await getConversation({ userId: mallory, id: mallorysRoom.id, prisma })).threads.a?.map((message) => message.id)).toEqual(["mallory-1"]);
  });
});
