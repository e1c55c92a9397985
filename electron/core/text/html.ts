// Untrusted IT Glue HTML, made safe once in core: every door (app document view, MCP output,
// CLI, search text) gets its HTML or text from here, so the renderer never parses markup that
// carries a handler. sanitize-html (htmlparser2, no DOM) runs in plain Node, re-serialises only
// allow-listed tags with escaped text, and decodes entities before checking URLs, so
// `jav&#x61;script:` is seen as what the browser would see.
import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';
import type sanitize from 'sanitize-html';
import { LINK_REL, LINK_TARGET, SAFE_HREF, SAFE_HTML_ATTRIBUTES, SAFE_HTML_TAGS } from '../../../shared/html-policy';

// Elements whose content is never text to keep: scripts and styles, raw-text elements a browser
// parses differently from htmlparser2 (the mXSS classics), and foreign content (svg, math).
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'noembed', 'noframes', 'xmp', 'iframe',
  'template', 'title', 'svg', 'math', 'object', 'embed', 'plaintext', 'head',
];

// Both parsers load on first use, from node_modules: evaluating them (entities' decode tables,
// postcss) cost every cold CLI process ~40 ms although most commands never read HTML (a cold
// `glue ask`). A process that reads documents pays it once, when it first does.
const load = createRequire(import.meta.url);
let sanitizer: typeof sanitize | null = null;
let parser: typeof Htmlparser2 | null = null;
const sanitizeLib = (): typeof sanitize => (sanitizer ??= load('sanitize-html') as typeof sanitize);
const parserLib = (): typeof Htmlparser2 => (parser ??= load('htmlparser2') as typeof Htmlparser2);

const OPTIONS: sanitize.IOptions = {
  allowedTags: [...SAFE_HTML_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(SAFE_HTML_ATTRIBUTES).map(([tag, attrs]) => [tag, [...attrs]])),
  allowedSchemes: ['https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: {
    // Only absolute https links survive (relative ones would resolve against the app itself).
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      const safe: sanitize.Attributes = { target: LINK_TARGET, rel: LINK_REL };
      if (SAFE_HREF.test(href)) safe.href = href;
      return { tagName, attribs: safe };
    },
  },
};

/** IT Glue's rendered HTML reduced to the shared allow-list; safe to hand to any renderer. */
export function sanitizeHtml(html: string): string {
  return sanitizeLib()(html, OPTIONS);
}

const BLOCK = new Set(['p', 'br', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'hr', 'table', 'ul', 'ol']);
const SKIP = new Set(DROP_WITH_CONTENT);

/**
 * The readable text of HTML: entities decoded, blocks on their own lines, scripts and styles
 * dropped. For terminals, MCP output, answers and the search index — never rendered as HTML.
 */
export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const Parser = parserLib().Parser;
  const p = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out += '\n';
        else if (name === 'td' || name === 'th') out += ' ';
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) out += '\n';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  p.write(html);
  p.end();
  return out
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
