import { fillTemplate } from "./compose-prose";
import type { Random } from "./create-random";
import { describeTopic, type Question } from "./extract-keywords";
import { genericReasoningOpenings, reasoningOpenings, reasoningPlans, reasoningSteps } from "./phrase-bank";

/** What the answer after the reasoning will be, so the thinking leads up to it. */
export type ReasoningLeadsTo =
  | { kind: "text" }
  | { kind: "json" }
  | { kind: "tool-calls"; toolNames: readonly string[] }
  | { kind: "tool-result"; toolName: string | undefined };

export interface ReasoningInput {
  random: Random;
  question: Question;
  leadsTo: ReasoningLeadsTo;
}

/**
 * A reasoning model's thinking before its answer: two to four sentences on
 * how it will approach the prompt, built from the same vocabulary as the
 * answers, so it reads like a plan for the reply that follows.
 */
export function composeReasoning({ random, question, leadsTo }: ReasoningInput): string {
  const topic = describeTopic(question.keywords);
  const opening =
    question.keywords.length > 0 ? fillTemplate(random.pick(reasoningOpenings), random, topic) : random.pick(genericReasoningOpenings);
  const sentences = [opening];

  switch (leadsTo.kind) {
    case "tool-calls": {
      const names = leadsTo.toolNames.join(" and ");
      sentences.push(`Rather than guess, I should call ${names} and answer from the result.`);
      if (random.chance(0.5)) sentences.push("I'll take the arguments from what the question says.");
      return sentences.join(" ");
    }
    case "tool-result":
      sentences.push(
        leadsTo.toolName
          ? `The ${leadsTo.toolName} result is in, so I can answer from it now.`
          : "The tool result is in, so I can answer from it now.",
      );
      break;
    case "json":
      sentences.push("The answer has to be valid JSON, so I'll fill each field carefully.");
      break;
    case "text":
      break;
  }

  const sentenceCount = Math.max(random.integer(2, 4), sentences.length + 1);
  while (sentences.length < sentenceCount - 1) sentences.push(fillTemplate(random.pick(reasoningSteps), random, topic));
  sentences.push(random.pick(reasoningPlans));
  return sentences.join(" ");
}
