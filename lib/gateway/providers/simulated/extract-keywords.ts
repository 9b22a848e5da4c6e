import { stripFaultMarkers } from "./detect-faults";
import { genericCodeWords, stopWords } from "./phrase-bank";

/** What the simulation can tell about a question: enough to echo it plausibly. */
export interface Question {
  /** Content words, lower-cased, in order of first appearance. */
  words: string[];
  /** Up to three words that read as the topic. */
  keywords: string[];
  /** Likely names of places and people, as written. */
  properNouns: string[];
}

export function readQuestion(text: string): Question {
  const words = extractWords(text);
  return { words, keywords: pickKeywords(words), properNouns: extractProperNouns(text) };
}

/**
 * The distinct content words of a prompt, lower-cased, in order of first
 * appearance. The simulation echoes a few of them so that its answers seem
 * to be about the question.
 */
export function extractWords(text: string): string[] {
  const withoutNoise = stripFaultMarkers(text)
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
  const words = withoutNoise.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? [];
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length >= 3 && !stopWords.has(word)) seen.add(word);
  }
  return [...seen];
}

/** Up to three words long enough to read as a topic. */
export function pickKeywords(words: readonly string[]): string[] {
  return words.filter((word) => word.length >= 4 && !word.includes("'") && !genericCodeWords.has(word)).slice(0, 3);
}

/** "this topic", "caching", or "caching and latency". */
export function describeTopic(keywords: readonly string[]): string {
  const [first, second] = keywords;
  if (!first) return "this topic";
  return second ? `${first} and ${second}` : first;
}

/**
 * Capitalised words that do not start a sentence ("Lisbon" in "What's the
 * weather in Lisbon?"), joined when adjacent ("New York"): likely names of
 * places and people, which tool arguments should repeat.
 */
export function extractProperNouns(text: string): string[] {
  const found: string[] = [];
  for (const sentence of stripFaultMarkers(text).split(/[.!?\n]+/)) {
    const matches = sentence.trim().matchAll(/(?<=\s)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*/g);
    for (const match of matches) if (!found.includes(match[0])) found.push(match[0]);
  }
  return found;
}
