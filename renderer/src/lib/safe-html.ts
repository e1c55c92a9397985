import DOMPurify from 'dompurify';
import { LINK_REL, LINK_TARGET, SAFE_HREF, SAFE_HTML_ATTRIBUTES, SAFE_HTML_TAGS } from '../../../shared/html-policy';

// Core already sanitised this HTML with the same allow-list (electron/core/text/html.ts), so
// it carries no handler for Chromium to report while parsing. This pass is a second line only:
// if core ever let something through, it is still dropped before it reaches the page's DOM.
const ALLOWED_ATTR = [...new Set(Object.values(SAFE_HTML_ATTRIBUTES).flat())];

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', LINK_TARGET);
    node.setAttribute('rel', LINK_REL);
  }
});

export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [...SAFE_HTML_TAGS],
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_HREF,
    ALLOW_DATA_ATTR: false,
    RETURN_TRUSTED_TYPE: false,
  });
}
