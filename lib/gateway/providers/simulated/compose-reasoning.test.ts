import { describe, expect, it } from "vitest";
import { composeReasoning, type ReasoningLeadsTo } from "./compose-reasoning";
import { createRandom } from "./create-random";
import { readQuestion } from "./extract-keywords";

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/);

describe("composeReasoning", () => {
  const leads: ReasoningLeadsTo[] = [
    { kind: "text" },
    { kind: "json" },
    { kind: "tool-calls", toolNames: ["get_weather"] },
    { kind: "tool-result", toolName: "get_weather" },
  ];

  it.each(leads)("writes two to four sentences leading to $kind", (leadsTo) => {
    for (let seed = 0; seed < 50; seed++) {
      const text = composeReasoning({ random: createRandom(seed), question: readQuestion("Tell me about lighthouse maintenance"), leadsTo });
      expect(sentencesOf(text).length).toBeGreaterThanOrEqual(2);
      expect(sentencesOf(text).length).toBeLessThanOrEqual(4);
      expect(text).not.toMatch(/[{}]/);
    }
  });

  it("is deterministic and names the topic when there is one", () => {
    const input = () => ({ random: createRandom(7), question: readQuestion("Explain database indexing"), leadsTo: { kind: "text" } as const });
    expect(composeReasoning(input())).toBe(composeReasoning(input()));
    expect(composeReasoning(input())).toMatch(/database/);
    expect(composeReasoning({ random: createRandom(7), question: readQuestion("hi"), leadsTo: { kind: "text" } })).not.toMatch(/this topic/);
  });
});
