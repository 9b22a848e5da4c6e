import type { Random } from "./create-random";
import {
  actions,
  closings,
  codeIntroductions,
  connectors,
  genericOpenings,
  listIntroductions,
  openings,
  predicates,
  qualities,
  sentenceTemplates,
  subjects,
} from "./phrase-bank";

/**
 * Fills `{slot}` placeholders; `{Slot}` gets the same kind of phrase,
 * capitalised, and a second slot of a kind (`{quality2}`) never repeats the
 * first ("between speed and speed").
 */
export function fillTemplate(template: string, random: Random, topic: string): string {
  const used = new Set<string>();
  const filled = template.replace(/\{(\w+)\}/g, (_match, slot: string) => {
    const kind = slot.toLowerCase().replace(/\d+$/, "");
    let phrase = phraseFor(kind, random, topic);
    for (let attempt = 0; attempt < 5 && kind !== "topic" && used.has(phrase); attempt++) phrase = phraseFor(kind, random, topic);
    used.add(phrase);
    return slot.charAt(0) === slot.charAt(0).toUpperCase() ? capitalize(phrase) : phrase;
  });
  return capitalize(filled);
}

function phraseFor(kind: string, random: Random, topic: string): string {
  switch (kind) {
    case "topic":
      return topic;
    case "connector":
      return random.pick(connectors);
    case "subject":
      return random.pick(subjects);
    case "predicate":
      return random.pick(predicates);
    case "action":
      return random.pick(actions);
    case "quality":
      return random.pick(qualities);
    default:
      throw new Error(`Unknown template slot {${kind}}.`);
  }
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `topic` is undefined when the question named nothing in particular. */
export function composeOpening(random: Random, topic: string | undefined): string {
  return topic ? fillTemplate(random.pick(openings), random, topic) : random.pick(genericOpenings);
}

/** `usedTemplates`, when given, keeps one reply from repeating a sentence shape. */
export function composeSentence(random: Random, topic: string, usedTemplates?: Set<string>): string {
  let template = random.pick(sentenceTemplates);
  for (let attempt = 0; attempt < 5 && usedTemplates?.has(template); attempt++) template = random.pick(sentenceTemplates);
  if (usedTemplates) {
    // Once every shape has been used, start over rather than insist.
    if (usedTemplates.size >= sentenceTemplates.length - 1) usedTemplates.clear();
    usedTemplates.add(template);
  }
  return fillTemplate(template, random, topic);
}

export function composeClosing(random: Random): string {
  return random.pick(closings);
}

/** A markdown bullet list such as "- **Clarity**: Start with a small example." */
export function composeList(random: Random): string {
  const count = random.integer(3, 4);
  const usedQualities = new Set<string>();
  const lines = [random.pick(listIntroductions), ""];
  while (lines.length < count + 2) {
    const quality = random.pick(qualities);
    if (usedQualities.has(quality)) continue;
    usedQualities.add(quality);
    lines.push(`- **${capitalize(quality)}**: ${capitalize(random.pick(actions))}.`);
  }
  return lines.join("\n");
}

export type CodeLanguage = "typescript" | "python" | "sql" | "bash";

/** A short fenced code block, named after the topic so it looks made for the question. */
export function composeCodeBlock(random: Random, language: CodeLanguage, topicWord: string): string {
  const limit = random.integer(3, 10);
  const snake = topicWord.replace(/[^a-z0-9]+/gi, "_").toLowerCase() || "items";
  const pascal = snake
    .split("_")
    .filter(Boolean)
    .map(capitalize)
    .join("");
  const variants: Record<CodeLanguage, string[]> = {
    typescript: [
      `export function summarize${pascal}(items: string[]): string {\n  const unique = [...new Set(items)];\n  return unique.slice(0, ${limit}).join(", ");\n}`,
      `export async function load${pascal}(url: string): Promise<unknown[]> {\n  const response = await fetch(url);\n  if (!response.ok) throw new Error(\`Request failed: \${response.status}\`);\n  const data: unknown = await response.json();\n  return Array.isArray(data) ? data.slice(0, ${limit}) : [];\n}`,
    ],
    python: [
      `def summarize_${snake}(items):\n    unique = list(dict.fromkeys(items))\n    return ", ".join(unique[:${limit}])`,
      `def count_${snake}(records):\n    totals = {}\n    for record in records:\n        totals[record] = totals.get(record, 0) + 1\n    return sorted(totals.items(), key=lambda pair: -pair[1])[:${limit}]`,
    ],
    sql: [
      `SELECT category, COUNT(*) AS total\nFROM ${snake}\nGROUP BY category\nORDER BY total DESC\nLIMIT ${limit};`,
      `SELECT id, name, created_at\nFROM ${snake}\nWHERE created_at >= CURRENT_DATE - INTERVAL '${limit} days'\nORDER BY created_at DESC;`,
    ],
    bash: [
      `for file in ./${snake}/*.log; do\n  echo "Checking $file"\n  grep -c "ERROR" "$file"\ndone`,
      `find ./${snake} -type f -mtime -${limit} | sort | head -n ${limit}`,
    ],
  };
  return `${random.pick(codeIntroductions)}\n\n\`\`\`${language}\n${random.pick(variants[language])}\n\`\`\``;
}
