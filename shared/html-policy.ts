// The one allow-list for IT Glue's rendered HTML. Core sanitises with it before anything leaves
// the main process; the renderer's DOMPurify pass uses the same lists as a second line that
// only ever sees HTML core already cleaned. Text formatting, lists, tables and https links:
// no images (they would fetch remote URLs), no styles, no forms, no event handlers.
export const SAFE_HTML_TAGS = [
  'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'hr', 'span', 'div',
] as const;

/** Attributes allowed per tag; every other attribute (handlers, style, id, class, data-*) is dropped. */
export const SAFE_HTML_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'target', 'rel'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

/** Links must be absolute https URLs; they open outside the app, without an opener. */
export const SAFE_HREF = /^https:\/\//i;
export const LINK_TARGET = '_blank';
export const LINK_REL = 'noopener noreferrer';
