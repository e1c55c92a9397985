import type { DocumentSection } from '../../../shared/ipc';
import { sanitizeHtml } from '../lib/safe-html';

/** Document sections: sanitised HTML with a tight allow-list when IT Glue rendered it, else text. */
export function SafeSection({ section }: { section: DocumentSection }) {
  if (section.kind === 'heading') return <h3 className="doc-heading">{section.content}</h3>;
  if (section.html) {
    // Core sent this HTML already sanitised; lib/safe-html.ts re-checks it with the same allow-list.
    return <div className={`doc-section doc-${section.kind}`} dangerouslySetInnerHTML={{ __html: sanitizeHtml(section.html) }} />;
  }
  return <div className={`doc-section doc-${section.kind} pre-wrap`}>{section.content}</div>;
}
