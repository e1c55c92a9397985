import { useState } from 'react';
import { tokens, type Token } from '../../../shared/format/answer-blocks';
import { dateWithRelative } from '../../../shared/format/dates';
import { displayMac } from '../../../shared/format/mac';

/** A small copy button beside a value; shows ✓ for a moment once copied. */
export function CopyIcon({ text, what }: { text: string; what: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="copy-icon"
      aria-label={`Copy ${what} ${text}`}
      title={`Copy ${text}`}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        })
      }
    >
      {done ? (
        '✓'
      ) : (
        <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
        </svg>
      )}
    </button>
  );
}

/** "+1 555-0179 x178" → "tel:+15550179;ext=178". */
export const telHref = (phone: string): string => {
  const [main, ext] = phone.split(/\s*x\s*/i);
  const digits = (main ?? '').replace(/(?!^\+)[^\d]/g, '');
  return `tel:${digits}${ext ? `;ext=${ext}` : ''}`;
};

function TokenView({ t }: { t: Token }) {
  switch (t.kind) {
    case 'ip':
    case 'cidr':
      return (
        <span className="tok">
          <code className="mono">{t.text}</code>
          <CopyIcon text={t.text} what={t.kind === 'ip' ? 'IP' : 'network'} />
        </span>
      );
    case 'mac': {
      const mac = displayMac(t.text) ?? t.text;
      return (
        <span className="tok">
          <code className="mono">{mac}</code>
          <CopyIcon text={mac} what="MAC" />
        </span>
      );
    }
    case 'email':
      return (
        <span className="tok">
          <a href={`mailto:${t.text}`}>{t.text}</a>
          <CopyIcon text={t.text} what="e-mail" />
        </span>
      );
    case 'phone':
      return (
        <span className="tok">
          <a href={telHref(t.text)}>{t.text}</a>
          <CopyIcon text={t.text} what="phone" />
        </span>
      );
    case 'url':
      return (
        <span className="tok">
          {/^https:\/\//i.test(t.text) ? (
            <a href={t.text} target="_blank" rel="noopener noreferrer">
              {t.text}
            </a>
          ) : (
            <span>{t.text}</span>
          )}
          <CopyIcon text={t.text} what="URL" />
        </span>
      );
    case 'date':
      return <time dateTime={t.text}>{dateWithRelative(t.text)}</time>;
    default:
      return <>{t.text}</>;
  }
}

/** Text with every IP, MAC, e-mail, phone and link copyable (and followable), and dates in one format. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {tokens(text).map((t, i) => (
        <TokenView key={i} t={t} />
      ))}
    </>
  );
}
