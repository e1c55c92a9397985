// IT Glue free text (notes, descriptions, document sections, traits) is written by whoever
// can edit the tenant, so it may carry instructions aimed at the model. The server
// instructions tell the client that anything inside these markers is data; this module makes
// sure the text cannot close the wrapper early or hide from the reader.

export const UNTRUSTED_TAG = 'untrusted-itglue-data';
export const DEFAULT_UNTRUSTED_MAX = 4000;

// Invisible characters used to smuggle text past a human reader: zero-width and bidi controls,
// word joiners, BOM, and the Unicode "tag" block that mirrors ASCII invisibly.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;
// C0/C1 controls other than tab and newline.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Anything that reads as our marker, opening or closing, with look-alike angle brackets,
// slashes and separators, in any case.
const MARKER = /[<\uFF1C\uFE64\u2039\u3008\u27E8]\s*[/\uFF0F\u2215]?\s*untrusted[\s_\-\u2010-\u2015]*itglue[\s_\-\u2010-\u2015]*data/gi;

export interface UntrustedOptions {
  maxChars?: number;
}

/** Cleans free text so it cannot forge or escape the wrapper; exported for tests and labels. */
export function neutralise(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, '').replace(MARKER, '[marker removed]');
}

function safeLabel(label: string): string {
  const cleaned = label.replace(/[^A-Za-z0-9 _.:/#@-]/g, '').slice(0, 80).trim();
  return cleaned || 'itglue';
}

/**
 * Wraps IT Glue free text as `<untrusted-itglue-data source="label">…</untrusted-itglue-data>`.
 * Empty text gives an empty string so callers can skip the field.
 */
export function untrusted(text: string | null | undefined, label: string, opts: UntrustedOptions = {}): string {
  if (text == null) return '';
  const max = Math.max(1, opts.maxChars ?? DEFAULT_UNTRUSTED_MAX);
  let body = neutralise(text).trim();
  if (!body) return '';
  if (body.length > max) {
    // Do not split a surrogate pair at the cut.
    const cut = /[\uD800-\uDBFF]/.test(body.charAt(max - 1)) ? max - 1 : max;
    body = `${body.slice(0, cut)}… [truncated, ${body.length - cut} more characters]`;
  }
  return `<${UNTRUSTED_TAG} source="${safeLabel(label)}">\n${body}\n</${UNTRUSTED_TAG}>`;
}
