import { Marked, type Tokens } from 'marked';

/**
 * Renders a (possibly hostile) Markdown description to HTML that is safe to assign to
 * `innerHTML`. Descriptions come from YAML anyone in the project can edit, and a docs
 * site is often published to a shared host, so:
 * - raw HTML in the Markdown (`<script>`, `<img onerror>`) is shown as text, never parsed;
 * - link and image URLs must be http(s), mailto, a fragment or relative; anything else
 *   (`javascript:`, `data:`, `vbscript:`) becomes `#`.
 *
 * Rendering happens once at generate time so the browser needs no Markdown library.
 *
 * @example renderMarkdown('**Orders** <script>x()</script>')
 *   // '<p><strong>Orders</strong> &lt;script&gt;x()&lt;/script&gt;</p>\n'
 */
export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return '';
  // Generated projects repeat the same short descriptions ("Primary key.") thousands of times.
  const cached = renderedCache.get(markdown);
  if (cached !== undefined) return cached;
  const html = PLAIN_TEXT.test(markdown) && !/www\./i.test(markdown) ? `<p>${escapeHtml(markdown.trim())}</p>\n` : markdownRenderer.parse(markdown, { async: false });
  if (renderedCache.size >= CACHE_LIMIT) renderedCache.clear();
  renderedCache.set(markdown, html);
  return html;
}

/**
 * One line of text with no Markdown syntax renders to a single paragraph; skipping the
 * parser for it makes a 10,000-model site generate several times faster. It must start with
 * a letter (digits or `-` could start a list, spaces a code block) and hold no `:` or `/`
 * (GFM autolinks); `www.` (also an autolink) is checked separately.
 */
const PLAIN_TEXT = /^[A-Za-z][A-Za-z0-9 ,.;?'"()%=-]*[A-Za-z0-9.?)]$/;
const CACHE_LIMIT = 10_000;
const renderedCache = new Map<string, string>();

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Returns the URL when its scheme is known to be harmless, else `#`.
 * Control characters and whitespace are stripped first because browsers ignore them
 * inside a scheme (`java\tscript:` still runs).
 */
export function safeUrl(url: string): string {
  const compact = decodeCharacterReferences(url).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (scheme === null) return url; // relative URL or fragment
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()) ? url : '#';
}

/** Decodes the character references a browser would decode in an attribute before reading the scheme. */
function decodeCharacterReferences(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#([0-9]+);?/g, (_match, decimal: string) => String.fromCodePoint(Number.parseInt(decimal, 10) % 0x110000))
    .replace(/&(colon|tab|newline);?/gi, (_match, name: string) => NAMED_REFERENCES[name.toLowerCase()] ?? '');
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { colon: ':', tab: '\t', newline: '\n' };

const markdownRenderer = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      const label = this.parser.parseInline(token.tokens);
      return `<a href="${escapeHtml(safeUrl(token.href))}"${title} rel="noopener noreferrer">${label}</a>`;
    },
    image(token: Tokens.Image): string {
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<img src="${escapeHtml(safeUrl(token.href))}" alt="${escapeHtml(token.text)}"${title}>`;
    },
  },
});
