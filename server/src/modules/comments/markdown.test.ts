import { describe, expect, it } from "vitest";
import { parseMentions, renderMarkdown, snippetOf } from "./markdown";

const ANN = "0f8fad5b-d9cb-469f-a165-70867728950e";

// Every tag the output holds, with its attributes, so assertions look at markup and not at text
// that merely shows what the author typed.
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<[a-z][^>]*>/gi)].map((match) => match[0]);
}

function expectSafe(html: string): void {
  for (const tag of tagsOf(html)) {
    expect(tag).not.toMatch(/^<(script|style|iframe|img|object|embed|svg|math|form|input|link|meta)/i);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/\sstyle\s*=/i);
    const href = /\shref="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
  }
}

describe("renderMarkdown", () => {
  it("renders basic formatting, lists, code and safe links", () => {
    const html = renderMarkdown(
      "**Bold** _it_ ~~gone~~\n\n- one\n- two\n\n1. first\n\n`inline` and\n\n```js\nconst a = 1;\n```\n\n[site](https://example.com) mail@example.com",
    );
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<s>gone</s>");
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<code>inline</code>");
    expect(html).toContain('<code class="language-js">const a = 1;');
    expect(html).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">site</a>',
    );
    expect(html).toContain('<a href="mailto:mail@example.com"');
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["a script tag split over lines", "<scr\nipt>alert(1)</script>"],
    ["an event handler", "<img src=x onerror=alert(1)>"],
    ["an event handler on a link", '<a href="https://x.test" onclick="alert(1)">x</a>'],
    ["an iframe", '<iframe src="https://evil.test"></iframe>'],
    ["a style tag", "<style>body { display: none }</style>"],
    ["inline styles", '<p style="position:fixed">x</p>'],
    ["an svg with script", "<svg><script>alert(1)</script></svg>"],
    ["a javascript: link", "[x](javascript:alert(1))"],
    ["a mixed-case javascript: link", "[x](JaVaScRiPt:alert(1))"],
    ["an entity-encoded javascript: link", "[x](&#106;avascript:alert(1))"],
    ["a hex-entity javascript: link", "[x](&#x6A;&#x61;vascript:alert(1))"],
    ["a javascript: link with a tab", "[x](java\tscript:alert(1))"],
    ["a javascript: link in angle brackets", "<javascript:alert(1)>"],
    ["a javascript: reference link", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["a data: URL", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["a vbscript: link", "[x](vbscript:msgbox(1))"],
    ["a protocol-relative link", "[x](//evil.test/path)"],
    ["an image (tracking pixel)", "![pixel](https://evil.test/p.gif)"],
    ["raw HTML link", '<a href="javascript:alert(1)">click</a>'],
    ["a mention carrying markup", `@[<img src=x onerror=alert(1)>](user:${ANN})`],
  ])("neutralises %s", (_, markdown) => {
    const html = renderMarkdown(markdown);
    expectSafe(html);
    expect(html).not.toMatch(/<(script|iframe|style|img|svg)/i);
  });

  it("shows raw HTML as text instead of dropping what the author wrote", () => {
    expect(renderMarkdown("<b>bold?</b>")).toBe("<p>&lt;b&gt;bold?&lt;/b&gt;</p>");
  });

  it("renders a mention as a styled span naming the user", () => {
    const html = renderMarkdown(`Thanks @[Ann Rep](user:${ANN})!`);
    expect(html).toBe(`<p>Thanks <span class="mention" data-user-id="${ANN}">@Ann Rep</span>!</p>`);
  });
});

describe("parseMentions", () => {
  it("finds each mentioned user once, but not mentions inside code", () => {
    const other = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const mentions = parseMentions(
      `@[Ann](user:${ANN}) and @[Ann again](user:${ANN.toUpperCase()}) and @[Olaf](user:${other})\n\n` +
        "`@[Code](user:11111111-1111-1111-1111-111111111111)`\n\n" +
        "```\n@[Fence](user:22222222-2222-2222-2222-222222222222)\n```",
    );
    expect(mentions).toEqual([
      { id: ANN, name: "Ann" },
      { id: other, name: "Olaf" },
    ]);
  });

  it("ignores malformed mentions", () => {
    expect(parseMentions(`@[Ann](user:not-a-uuid) @Ann [Ann](user:${ANN})`)).toEqual([]);
  });
});

describe("snippetOf", () => {
  it("gives plain text with mentions as names, shortened", () => {
    expect(snippetOf(`**Call** @[Ann](user:${ANN})\nabout <b>prices</b> & **terms**.\n\n- one\n- two`)).toBe(
      "Call @Ann about <b>prices</b> & terms. one two",
    );
    expect(snippetOf("word ".repeat(100), 20)).toHaveLength(20);
  });
});
