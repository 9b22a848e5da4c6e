import "server-only";
import { randomUUID } from "node:crypto";
import type {
  ChatMessageMetadata,
  ChatUIMessage,
  ConversationDetail,
  ConversationSettings,
  ConversationSummary,
  CreateConversationBody,
  Slot,
  UpdateConversationBody,
} from "../chat/chat-contract";
import { conversationSettingsSchema, slotSchema } from "../chat/chat-contract";
import { isUniqueViolation } from "../billing/prisma-retry";
import { toReplyMetadata } from "../chat/reply-metadata";
import { microsToDollars } from "../gateway/usage/compute-cost";
import { getPrisma, type PrismaClient } from "./client";

/**
 * Conversations of the chatroom. Every query is scoped by the owner's id, so
 * one user can never read or change another's conversation; a conversation
 * that is not the user's is reported as missing.
 */

export class ConversationNotFoundError extends Error {
  constructor() {
    super("Conversation not found.");
  }
}

/**
 * A new message came with the id of a message that already exists elsewhere
 * (another column, another conversation, another user's). Message ids come
 * from the browser and are random, so only a forged request gets here.
 */
export class MessageIdTakenError extends Error {
  constructor() {
    super("A message id in this request is already another message's; give each new message a new id.");
  }
}

type Database = PrismaClient;

export async function listConversations(input: { userId: string; prisma?: Database }): Promise<ConversationSummary[]> {
  const prisma = input.prisma ?? getPrisma();
  const rows = await prisma.conversation.findMany({
    where: { userId: input.userId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true, slots: true, updatedAt: true },
    take: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    models: parseSlots(row.slots).map((slot) => slot.model),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function createConversation(input: { userId: string; body: CreateConversationBody; prisma?: Database }): Promise<ConversationDetail> {
  const prisma = input.prisma ?? getPrisma();
  const row = await prisma.conversation.create({
    data: {
      userId: input.userId,
      title: input.body.title?.trim() || "New chat",
      systemPrompt: input.body.systemPrompt ?? null,
      settings: JSON.stringify(input.body.settings ?? {}),
      slots: JSON.stringify(input.body.slots),
    },
  });
  return getConversation({ userId: input.userId, id: row.id, prisma });
}

export async function updateConversation(input: { userId: string; id: string; body: UpdateConversationBody; prisma?: Database }): Promise<ConversationDetail> {
  const prisma = input.prisma ?? getPrisma();
  const { count } = await prisma.conversation.updateMany({
    where: { id: input.id, userId: input.userId },
    data: {
      ...(input.body.title === undefined ? {} : { title: input.body.title }),
      ...(input.body.systemPrompt === undefined ? {} : { systemPrompt: input.body.systemPrompt }),
      ...(input.body.settings === undefined ? {} : { settings: JSON.stringify(input.body.settings) }),
      ...(input.body.slots === undefined ? {} : { slots: JSON.stringify(input.body.slots) }),
    },
  });
  if (count === 0) throw new ConversationNotFoundError();
  return getConversation({ userId: input.userId, id: input.id, prisma });
}

export async function deleteConversation(input: { userId: string; id: string; prisma?: Database }): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  const { count } = await prisma.conversation.deleteMany({ where: { id: input.id, userId: input.userId } });
  if (count === 0) throw new ConversationNotFoundError();
}

/** The conversation with every column's thread; reply stats come from the generations that billed them. */
export async function getConversation(input: { userId: string; id: string; prisma?: Database }): Promise<ConversationDetail> {
  const prisma = input.prisma ?? getPrisma();
  const row = await prisma.conversation.findFirst({
    where: { id: input.id, userId: input.userId },
    include: {
      messages: {
        orderBy: [{ slotId: "asc" }, { position: "asc" }],
        include: { generation: true },
      },
    },
  });
  if (!row) throw new ConversationNotFoundError();

  const threads: Record<string, ChatUIMessage[]> = {};
  let totalMicros = 0n;
  for (const message of row.messages) {
    const thread = (threads[message.slotId] ??= []);
    const generation = message.generation;
    if (generation) totalMicros += generation.costMicros;
    const metadata: ChatMessageMetadata = { createdAt: message.createdAt.toISOString() };
    if (message.role === "assistant") {
      metadata.status = message.status as ChatMessageMetadata["status"];
      if (message.error) metadata.errorMessage = message.error;
      if (generation) Object.assign(metadata, toReplyMetadata(generation));
    }
    thread.push({
      id: message.id,
      role: message.role as ChatUIMessage["role"],
      parts: JSON.parse(message.parts) as ChatUIMessage["parts"],
      metadata,
    });
  }
  return {
    id: row.id,
    title: row.title,
    systemPrompt: row.systemPrompt,
    settings: parseSettings(row.settings),
    slots: parseSlots(row.slots),
    threads,
    totalCost: microsToDollars(totalMicros),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The owner's conversation, or ConversationNotFoundError. */
export async function findOwnedConversation(input: { userId: string; id: string; prisma?: Database }) {
  const prisma = input.prisma ?? getPrisma();
  const row = await prisma.conversation.findFirst({ where: { id: input.id, userId: input.userId }, select: { id: true, title: true } });
  if (!row) throw new ConversationNotFoundError();
  return row;
}

/**
 * Makes the stored thread of one column match what the client sent before a
 * reply: user messages it has not seen are stored (their text is the user's
 * own); stored messages the client no longer has (an edit or a regenerate cut
 * the thread there) are removed. Assistant messages are never taken from the
 * client: only the server writes them, with the generation that billed them.
 */
export async function syncSlotThread(input: {
  conversationId: string;
  slotId: string;
  messages: ReadonlyArray<{ id: string; role: string; parts: unknown[] }>;
  prisma?: Database;
}): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  const stored = await prisma.chatMessage.findMany({
    where: { conversationId: input.conversationId, slotId: input.slotId },
    select: { id: true, position: true, parts: true },
  });
  const storedById = new Map(stored.map((message) => [message.id, message]));
  const keep = new Set<string>();
  const operations = [];
  for (const [position, message] of input.messages.entries()) {
    const existing = storedById.get(message.id);
    if (existing) {
      keep.add(message.id);
      if (existing.position !== position) {
        operations.push(prisma.chatMessage.update({ where: { id: message.id }, data: { position } }));
      }
      continue;
    }
    if (message.role !== "user") continue;
    keep.add(message.id);
    operations.push(
      prisma.chatMessage.create({
        data: { id: message.id, conversationId: input.conversationId, slotId: input.slotId, position, role: "user", parts: JSON.stringify(message.parts) },
      }),
    );
  }
  const removed = stored.filter((message) => !keep.has(message.id)).map((message) => message.id);
  if (removed.length > 0) operations.unshift(prisma.chatMessage.deleteMany({ where: { id: { in: removed } } }));
  operations.push(prisma.conversation.update({ where: { id: input.conversationId }, data: { updatedAt: new Date() } }));
  try {
    await prisma.$transaction(operations);
  } catch (error) {
    // Only a created message can collide (on its id); the transaction wrote nothing.
    if (isUniqueViolation(error)) throw new MessageIdTakenError();
    throw error;
  }
}

/** Stores a reply at the end of its column's thread; the first reply also names an untitled conversation. */
export async function saveAssistantMessage(input: {
  conversationId: string;
  slotId: string;
  id: string;
  parts: unknown[];
  status: "complete" | "stopped" | "error";
  error?: string;
  generationId?: string;
  titleFromPrompt?: string;
  prisma?: Database;
}): Promise<void> {
  const prisma = input.prisma ?? getPrisma();
  const last = await prisma.chatMessage.findFirst({
    where: { conversationId: input.conversationId, slotId: input.slotId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  const conversation = await prisma.conversation.findUnique({ where: { id: input.conversationId }, select: { title: true } });
  const title = conversation?.title === "New chat" && input.titleFromPrompt ? toTitle(input.titleFromPrompt) : undefined;
  await prisma.$transaction([
    prisma.chatMessage.create({
      data: {
        id: input.id,
        conversationId: input.conversationId,
        slotId: input.slotId,
        position: (last?.position ?? -1) + 1,
        role: "assistant",
        parts: JSON.stringify(input.parts),
        status: input.status,
        error: input.error ?? null,
        generationId: input.generationId ?? null,
      },
    }),
    prisma.conversation.update({ where: { id: input.conversationId }, data: { updatedAt: new Date(), ...(title ? { title } : {}) } }),
  ]);
}

export function createMessageId(): string {
  return `msg-${randomUUID()}`;
}

function toTitle(prompt: string): string {
  const line = prompt.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line || "New chat";
}

function parseSlots(json: string): Slot[] {
  const parsed = slotSchema.array().safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

function parseSettings(json: string): ConversationSettings {
  const parsed = conversationSettingsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}
