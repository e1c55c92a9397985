import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { SAFE_HREF, SAFE_HTML_ATTRIBUTES, SAFE_HTML_TAGS } from '../../../shared/html-policy';
import { HOSTILE_HTML } from './hostile-html';
import { htmlToText, sanitizeHtml } from './html';

const TAGS = new Set<string>(SAFE_HTML_TAGS);

/** Every element and attribute the sanitised HTML holds, as a browser-agnostic parser reads it. */
function elementsOf(html: string): { name: string; attribs: Record<string, string> }[] {
  const out: { name: string; attribs: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => out.push({ name, attribs }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return out;
}

function assertSafe(html: string): void {
  for (const el of elementsOf(html)) {
    expect(TAGS.has(el.name), `tag <${el.name}> in ${html}`).toBe(true);
    for (const [attr, value] of Object.entries(el.attribs)) {
      expect(SAFE_HTML_ATTRIBUTES[el.name] ?? [], `attribute ${attr} on <${el.name}> in ${html}`).toContain(attr);
      if (attr === 'href') expect(value).toMatch(SAFE_HREF);
    }
  }
  expect(html).not.toMatch(/<\s*(script|img|svg|math|iframe|form|input|style|object|embed|template|base|meta)\b/i);
}

describe('sanitizeHtml', () => {
  it.each(HOSTILE_HTML.map((h) => [h]))('leaves only allow-listed markup: %s', (hostile) => {
    const clean = sanitizeHtml(hostile);
    assertSafe(clean);
    // Stable under a second pass: what the browser re-parses is what was checked (no mutation).
    expect(sanitizeHtml(clean)).toBe(clean);
  });

  it('keeps formatting, tables and https links, opened outside the app without an opener', () => {
    const clean = sanitizeHtml('<h2>Restore</h2><ol><li><b>Stop</b> the <em>service</em></li></ol><table><tr><td colspan="2">x</td></tr></table><a href="https://acme.itglue.com/1/docs/2" target="_self">doc</a>');
    expect(clean).toBe(
      '<h2>Restore</h2><ol><li><b>Stop</b> the <em>service</em></li></ol><table><tr><td colspan="2">x</td></tr></table><a target="_blank" rel="noopener noreferrer" href="https://acme.itglue.com/1/docs/2">doc</a>',
    );
  });

  it('drops script URLs however they are spelt, keeping the link text', () => {
    for (const href of ['javascript:alert(1)', 'jav&#x61;script:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', '//evil.example', '/relative']) {
      expect(sanitizeHtml(`<a href="${href}">go</a>`)).toBe('<a target="_blank" rel="noopener noreferrer">go</a>');
    }
  });

  it('keeps escaped markup as text and drops the content of raw-text and foreign elements', () => {
    expect(sanitizeHtml('<p>a &lt;img onerror=x&gt; b</p>')).toBe('<p>a &lt;img onerror=x&gt; b</p>');
    expect(sanitizeHtml('<svg><style><img src=x onerror=alert(1)></style></svg>ok')).toBe('ok');
    expect(sanitizeHtml('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>after')).not.toMatch(/<img/i);
  });

  it('never emits a handler or a non-https link for any mix of hostile fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...HOSTILE_HTML, '<p>', '</p>', '<table>', '<td>', '<a href="https://x.example">', '</a>', '"', "'", '<', '>', '&'), { maxLength: 12 }), (parts) => {
        const clean = sanitizeHtml(parts.join(''));
        assertSafe(clean);
        expect(sanitizeHtml(clean)).toBe(clean);
      }),
      { numRuns: 300 },
    );
  });
});

describe('htmlToText', () => {
  it('decodes entities, puts blocks on their own lines and drops scripts and styles', () => {
    expect(htmlToText('<h2>Step&nbsp;4</h2><p>Run <code>net stop</code> &amp; wait</p><script>x()</script><style>p{}</style><ul><li>a</li><li>b</li></ul>')).toBe(
      'Step 4\nRun net stop & wait\na\nb',
    );
  });

  it('keeps markup-looking text as text', () => {
    expect(htmlToText('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('separates table cells', () => {
    expect(htmlToText('<table><tr><td>WAN</td><td>203.0.113.7</td></tr></table>')).toBe('WAN 203.0.113.7');
  });
});
