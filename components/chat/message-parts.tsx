"use client";

import type { ChatUIMessage } from "@/lib/chat/chat-contract";
import { Markdown } from "@/components/markdown/markdown";

type Part = ChatUIMessage["parts"][number];

/** The text a person would copy: the answer only, not reasoning or tool arguments. */
export function messageText(message: ChatUIMessage): string {
  return message.parts
    .filter((part): part is Extract<Part, { type: "text" }> => part.type === "text")
    .map((part) => part.text)
    .join("\n\n");
}

/** Tool parts are typed `tool-<name>` (static tools) or `dynamic-tool` with the name inside. */
function toolName(part: Part): string | undefined {
  if (part.type === "dynamic-tool") return part.toolName;
  if (part.type.startsWith("tool-")) return part.type.slice("tool-".length);
  return undefined;
}

function toolInput(part: Part): unknown {
  return "input" in part ? part.input : undefined;
}

export function MessageParts({ message }: { message: ChatUIMessage }) {
  return (
    <>
      {message.parts.map((part, index) => {
        const key = `${message.id}-${index}`;
        if (part.type === "text") return <Markdown key={key} text={part.text} />;
        if (part.type === "reasoning") {
          if (!part.text.trim()) return null;
          return (
            <details key={key} data-testid="reasoning" className="rounded-md border border-zinc-200 bg-zinc-50 px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
              <summary className="focus-ring cursor-pointer text-zinc-600 select-none dark:text-zinc-300">
                Reasoning{part.state === "streaming" ? "…" : ""}
              </summary>
              <div className="mt-1 whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">{part.text}</div>
            </details>
          );
        }
        const name = toolName(part);
        if (name !== undefined) {
          const input = toolInput(part);
          return (
            <div key={key} data-testid="tool-call" className="rounded-md border border-indigo-200 bg-indigo-50/60 p-2 text-xs dark:border-indigo-800 dark:bg-indigo-950/40">
              <div className="font-medium text-indigo-900 dark:text-indigo-200">
                Tool call: <code>{name}</code>
              </div>
              {input !== undefined ? (
                <pre className="mt-1 overflow-x-auto font-mono text-[11px] whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{JSON.stringify(input, null, 2)}</pre>
              ) : null}
            </div>
          );
        }
        // step-start, sources, files and data parts carry nothing a reader needs in a column.
        return null;
      })}
    </>
  );
}
