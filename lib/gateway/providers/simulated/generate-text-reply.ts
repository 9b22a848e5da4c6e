import {
  type CodeLanguage,
  composeClosing,
  composeCodeBlock,
  composeList,
  composeOpening,
  composeSentence,
  fillTemplate,
} from "./compose-prose";
import type { Random } from "./create-random";
import { describeTopic, type Question } from "./extract-keywords";
import { codeWords, imageOpenings, toolResultFollowUps } from "./phrase-bank";
import { countTokens } from "./tokenize";

export interface TextReplyInput {
  random: Random;
  question: Question;
  /** Roughly how long the reply should be; it ends on a whole sentence just past this. */
  targetTokens: number;
  imageCount: number;
}

/** Replies shorter than this stay plain prose; lists and code need room. */
const minimumTokensForMarkdown = 90;
/** A closing line is added only while the reply stays within this multiple of its target. */
const closingLimitFactor = 1.6;

/**
 * A chat answer of a few paragraphs, sometimes with a bullet list or a code
 * block (more often when the question mentions code), so a chat UI shows
 * varied markdown.
 */
export function generateTextReply(input: TextReplyInput): string {
  const { random, targetTokens } = input;
  const { keywords, words } = input.question;
  const topic = describeTopic(keywords);
  const roomForMarkdown = targetTokens >= minimumTokensForMarkdown;
  const mentionsCode = words.some((word) => codeWords.has(word));
  const listAfterParagraph = roomForMarkdown && random.chance(0.35) ? random.integer(1, 2) : undefined;
  const codeAfterParagraph = roomForMarkdown && random.chance(mentionsCode ? 0.75 : 0.1) ? random.integer(1, 2) : undefined;

  const blocks: string[] = [];
  const usedTemplates = new Set<string>();
  let paragraph: string[] = [];
  if (input.imageCount > 0) paragraph.push(random.pick(imageOpenings));
  paragraph.push(composeOpening(random, keywords.length > 0 ? topic : undefined));
  let sentencesInParagraph = random.integer(2, 4);
  let finishedParagraphs = 0;
  const currentText = () => [...blocks, paragraph.join(" ")].filter(Boolean).join("\n\n");

  while (countTokens(currentText()) < targetTokens) {
    paragraph.push(composeSentence(random, topic, usedTemplates));
    if (paragraph.length < sentencesInParagraph) continue;
    blocks.push(paragraph.join(" "));
    paragraph = [];
    sentencesInParagraph = random.integer(2, 4);
    finishedParagraphs++;
    if (finishedParagraphs === listAfterParagraph) blocks.push(composeList(random));
    if (finishedParagraphs === codeAfterParagraph) {
      // Name the example after the subject, not the language ("summarize_orders", not "summarize_python").
      const subject = keywords.find((keyword) => !codeWords.has(keyword)) ?? "items";
      blocks.push(composeCodeBlock(random, pickLanguage(words), subject));
    }
  }
  if (paragraph.length > 0) blocks.push(paragraph.join(" "));
  const closing = composeClosing(random);
  const withClosing = [...blocks, closing].join("\n\n");
  if (random.chance(0.6) && countTokens(withClosing) <= targetTokens * closingLimitFactor) return withClosing;
  return blocks.join("\n\n");
}

function pickLanguage(words: readonly string[]): CodeLanguage {
  if (words.includes("python")) return "python";
  if (words.includes("sql") || words.includes("query") || words.includes("database")) return "sql";
  if (words.includes("bash") || words.includes("shell")) return "bash";
  return "typescript";
}

export interface ToolResultReplyInput {
  random: Random;
  question: Question;
  toolName: string | undefined;
  result: string;
  targetTokens: number;
}

/** An answer after a tool ran: it reports what the tool returned, then adds a little advice. */
export function generateToolResultReply(input: ToolResultReplyInput): string {
  const { random, targetTokens } = input;
  const topic = describeTopic(input.question.keywords);
  const source = input.toolName ? `The \`${input.toolName}\` tool` : "The tool";
  const sentences = [`${source} returned ${summarizeToolResult(input.result)}.`];
  sentences.push(fillTemplate(random.pick(toolResultFollowUps), random, topic));
  const usedTemplates = new Set<string>();
  while (countTokens(sentences.join(" ")) < targetTokens) sentences.push(composeSentence(random, topic, usedTemplates));
  return sentences.join(" ");
}

const longestQuote = 120;

/** A one-line account of a tool's output: a few fields of a JSON object, or the start of the text. */
export function summarizeToolResult(result: string): string {
  const trimmed = result.trim();
  if (!trimmed) return "an empty result";
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return `"${shorten(trimmed)}"`;
  }
  if (Array.isArray(parsed)) return parsed.length === 1 ? "a list with one item" : `a list of ${parsed.length} items`;
  if (parsed !== null && typeof parsed === "object") {
    const entries = Object.entries(parsed).slice(0, 3);
    if (entries.length === 0) return "an empty object";
    return entries.map(([key, value]) => `${key} = ${shorten(describeValue(value))}`).join(", ");
  }
  return `"${shorten(String(parsed))}"`;
}

function describeValue(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? `[${value.length} items]` : "{...}";
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").replace(/`/g, "'");
  return oneLine.length > longestQuote ? `${oneLine.slice(0, longestQuote - 3)}...` : oneLine;
}
