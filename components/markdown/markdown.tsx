"use client";

import { memo } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import "katex/dist/katex.min.css";
import "./highlight-theme.css";
import { CodeBlock } from "./code-block";

const remarkPlugins = [remarkGfm, remarkMath];
// Only fences that name a language are highlighted: guessing costs time on every streamed token.
const rehypePlugins: Options["rehypePlugins"] = [[rehypeHighlight, { detect: false }], rehypeKatex];

const components: Components = {
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  // Model output can link anywhere; never let it act with this page's opener.
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-indigo-600 underline dark:text-indigo-400">
      {children}
    </a>
  ),
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table>{children}</table>
    </div>
  ),
};

/**
 * Renders model output. Raw HTML is dropped (`skipHtml`), never parsed, so a
 * reply can't inject markup or script into the page.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown-body" data-testid="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
});
