import MarkdownIt, { type StateInline, type Token } from "markdown-it";
import sanitizeHtml from "sanitize-html";

// A mention is written `@[Display Name](user:<uuid>)`: the web client inserts it from the @ picker,
// and the name is only what the author saw (the id decides who is notified).
const MENTION =
  /@\[([^[\]\n]{1,200})\]\(user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/iy;

export type Mention = { id: string; name: string };

function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  MENTION.lastIndex = state.pos;
  const match = MENTION.exec(state.src);
  if (!match?.[1] || !match[2]) return false;
  if (!silent) {
    const token = state.push("mention", "", 0);
    token.meta = { id: match[2].toLowerCase(), name: match[1].trim() } satisfies Mention;
  }
  state.pos += match[0].length;
  return true;
}

// Raw HTML is off, so whatever the author types as HTML is shown as text; the sanitizer below is
// the second line of defence should a parser bug let markup through.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// Images would load third-party URLs in colleagues' browsers (tracking pixels); `![x](url)` stays a link.
md.disable("image");
md.inline.ruler.before("link", "mention", mentionRule);
md.renderer.rules.mention = (tokens, index) => {
  const { id, name } = (tokens[index] as Token).meta as Mention;
  const escapeHtml = md.utils.escapeHtml;
  return `<span class="mention" data-user-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "s",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "a",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    span: ["class", "data-user-id"],
    ol: ["start"],
    code: ["class"],
  },
  allowedClasses: { span: ["mention"], code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
  },
};

// Markdown → HTML that is safe to insert into the page. Tasks and meetings use it too.
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown), SANITIZE).trim();
}

function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    if (token.children) walk(token.children, visit);
  }
}

// The mentions the renderer sees (so `@[x](user:…)` inside code is not one), first occurrence each.
export function parseMentions(markdown: string): Mention[] {
  const found = new Map<string, Mention>();
  walk(md.parse(markdown, {}), (token) => {
    const mention = token.meta as Mention;
    if (token.type === "mention" && !found.has(mention.id)) found.set(mention.id, mention);
  });
  return [...found.values()];
}

const TEXT_TOKENS = new Set(["text", "code_inline", "code_block", "fence"]);

// A one-line plain-text excerpt for notification titles and bodies.
export function snippetOf(markdown: string, maxLength = 140): string {
  const parts: string[] = [];
  walk(md.parse(markdown, {}), (token) => {
    if (TEXT_TOKENS.has(token.type)) parts.push(token.content);
    else if (token.type === "mention") parts.push(`@${(token.meta as Mention).name}`);
    // Line breaks and the ends of paragraphs, items and headings separate words; `**x**` does not.
    else if (token.type.endsWith("break") || (token.block && token.nesting === -1)) parts.push(" ");
  });
  const text = parts.join("").replace(/\s+/g, " ").trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
