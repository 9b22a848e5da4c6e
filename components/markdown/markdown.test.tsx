import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe("Markdown", () => {
  it("renders GFM tables", () => {
    const html = render("| model | cost |\n| --- | --- |\n| swift | $0.10 |");
    expect(html).toContain("<table>");
    expect(html).toMatch(/<th[^>]*>model<\/th>/);
    expect(html).toMatch(/<td[^>]*>\$0\.10<\/td>/);
  });

  it("renders math with KaTeX, inline and display", () => {
    // Display math stands on lines of its own; $$...$$ within a line is inline (remark-math's rule).
    const html = render("Energy: $E = mc^2$\n\n$$\n\\int_0^1 x\\,dx\n$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain("katex-display");
  });

  it("highlights fenced code that names its language and offers a copy button", () => {
    const html = render("```ts\nconst answer: number = 42;\n```");
    expect(html).toContain("hljs-keyword");
    expect(html).toContain('data-testid="copy-code"');
  });

  it("drops raw HTML instead of rendering it", () => {
    const html = render('Hello <script>alert("x")</script><img src=x onerror=alert(1)> world');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onerror");
    expect(html).toContain("Hello");
  });

  it("opens links in a new tab without giving the page away", () => {
    expect(render("[docs](https://example.com)")).toContain('rel="noopener noreferrer nofollow"');
  });
});
