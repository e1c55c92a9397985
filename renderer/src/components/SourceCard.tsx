import { useState } from 'react';
import type { Source } from '../../../shared/domain';
import { snippetBesides, typeSingular } from '../lib/format';

const isHttps = (url: string) => /^https:\/\//i.test(url);

export function CopyText({ text, label, caption = 'Copy' }: { text: string; label: string; caption?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small btn-quiet"
      aria-label={label}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        })
      }
    >
      {done ? 'Copied' : caption}
    </button>
  );
}

export function SourceCard({ source, onOpen }: { source: Source; onOpen?: (s: Source) => void }) {
  const snippet = snippetBesides(source.name, source.snippet);
  return (
    <article className="source-card" aria-label={`${typeSingular(source.type)} ${source.name}`}>
      <div className="source-head">
        <span className={`type-pill type-${source.type}`}>{typeSingular(source.type)}</span>
        {source.org && <span className="muted source-org">{source.org.name}</span>}
      </div>
      {onOpen ? (
        <button type="button" className="source-name linklike" onClick={() => onOpen(source)}>
          {source.name}
        </button>
      ) : (
        <div className="source-name">{source.name}</div>
      )}
      {snippet && <p className="source-snippet">{snippet}</p>}
      <div className="source-actions">
        {isHttps(source.url) && (
          <a className="btn btn-small btn-quiet" href={source.url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${source.name} in IT Glue`}>
            Open in IT Glue ↗
          </a>
        )}
        <CopyText text={source.name} label={`Copy name of ${source.name}`} caption="Copy name" />
        {isHttps(source.url) && <CopyText text={source.url} label={`Copy IT Glue link of ${source.name}`} caption="Copy link" />}
      </div>
    </article>
  );
}
