import { describe, expect, test } from 'vitest';
import { renderMarkdown, safeUrl } from './render-markdown.js';

describe('renderMarkdown', () => {
  test('renders Markdown', () => {
    expect(renderMarkdown('One row per **order**; see `fct_orders`.')).toBe('<p>One row per <strong>order</strong>; see <code>fct_orders</code>.</p>\n');
    expect(renderMarkdown(undefined)).toBe('');
  });

  test('the plain-text fast path renders exactly what the Markdown parser renders', () => {
    for (const text of ['Primary key.', 'Total paid (dollars), see "orders" 100%', "It's a 1-to-1 join, a = c?"]) {
      expect(renderMarkdown(text)).toBe(renderMarkdown(`${text}\n\n`).trimEnd() + '\n');
      expect(renderMarkdown(text)).toMatch(/^<p>.*<\/p>\n$/);
    }
    expect(renderMarkdown('Says "hi" & <b>')).toBe('<p>Says &quot;hi&quot; &amp; &lt;b&gt;</p>\n');
    // Look plain but are Markdown: a list, an autolink.
    expect(renderMarkdown('1. first')).toContain('<ol>');
    expect(renderMarkdown('See www.example.com')).toContain('<a href="http://www.example.com"');
  });

  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['text <b onmouseover="x()">bold</b>', '&lt;b onmouseover=&quot;x()&quot;&gt;'],
    ['<iframe src="https://evil.example"></iframe>\n\nafter', '&lt;iframe'],
  ])('raw HTML %s is escaped, not parsed', (input, escaped) => {
    const html = renderMarkdown(input);
    expect(html).toContain(escaped);
    expect(html).not.toMatch(/<(script|img|b |iframe)/);
  });

  test('javascript: and data: URLs are neutralised; http(s), mailto and relative links stay', () => {
    const html = renderMarkdown('[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) ![i](javascript:alert(1)) [d](https://example.com/x) [e](#/node/model.a) [f](mailto:data@example.com)');
    expect(html).not.toMatch(/javascript:|data:text/i);
    expect(html.match(/href="#"/g)).toHaveLength(3);
    expect(html).toContain('<img src="#" alt="i">');
    expect(html).toContain('href="https://example.com/x"');
    expect(html).toContain('href="#/node/model.a"');
    expect(html).toContain('href="mailto:data@example.com"');
  });

  test('safeUrl sees through whitespace and character references in the scheme', () => {
    expect(safeUrl('java\tscript:alert(1)')).toBe('#');
    expect(safeUrl('jav&#x61;script:alert(1)')).toBe('#');
    expect(safeUrl('javascript&colon;alert(1)')).toBe('#');
    expect(safeUrl(' https://ok.example')).toBe(' https://ok.example');
    expect(safeUrl('docs/orders.md')).toBe('docs/orders.md');
  });
});
