import { useEffect, useMemo, useState } from 'react';
import type { Answer, Source } from '../../../shared/domain';
import { answerBlocks, type AnswerBlock, type ListItem } from '../../../shared/format/answer-blocks';
import { dateWithRelative, daysUntil } from '../../../shared/format/dates';
import type { PasswordMeta } from '../../../shared/ipc';
import { typeSingular } from '../lib/format';
import { useStores, useVault } from '../context';
import { PasswordControls } from './Passwords';
import { CopyIcon, RichText } from './RichText';
import { CopyText, SourceCard } from './SourceCard';

// Facts whose whole value is the thing a technician pastes somewhere.
const COPY_WHOLE = /serial|asset tag|hostname|user ?name|fqdn|domain|ssid/i;

/**
 * An answer laid out to be read at a glance: the asked-for value first, large, with a copy
 * button; the record's facts with every identifier copyable; lists grouped by organization
 * with counts and "in N days"; password answers with Copy/Reveal through the audited vault.
 * Then the sources. Built from the answer's own text (see shared/format/answer-blocks.ts).
 */
export function AnswerCard({ answer, onOpenSource }: { answer: Answer; onOpenSource: (s: Source) => void }) {
  const passwords = answer.sources.filter((s) => s.type === 'passwords');
  const blocks = useMemo(
    () =>
      answerBlocks(answer.answer).filter(
        // The controls below replace the engine's "reveal it in Glue Desk" pointer.
        (b) => !(passwords.length > 0 && b.kind === 'text' && /^The value is not shown here/.test(b.text)),
      ),
    [answer.answer, passwords.length],
  );
  const long = blocks.some((b) => b.kind === 'list' && b.count >= 4);
  const others = answer.sources.filter((s) => s.type !== 'passwords');
  return (
    <div className="answer-card">
      {blocks.map((b, i) => (
        <Block key={i} block={b} sources={answer.sources} onOpenSource={onOpenSource} />
      ))}
      {passwords.length > 0 && (
        <ul className="pw-answers" aria-label="Passwords in this answer">
          {passwords.map((s) => (
            <PasswordSource key={s.id} source={s} onOpen={onOpenSource} />
          ))}
        </ul>
      )}
      {others.length > 0 &&
        (long ? (
          <details className="sources-fold">
            <summary>
              {others.length} source{others.length === 1 ? '' : 's'}
            </summary>
            <Sources sources={others} onOpenSource={onOpenSource} />
          </details>
        ) : (
          <Sources sources={others} onOpenSource={onOpenSource} />
        ))}
    </div>
  );
}

function Sources({ sources, onOpenSource }: { sources: Source[]; onOpenSource: (s: Source) => void }) {
  return (
    <div className="sources" aria-label="Sources">
      {sources.map((s) => (
        <SourceCard key={`${s.type}-${s.id}`} source={s} onOpen={onOpenSource} />
      ))}
    </div>
  );
}

function Block({ block, sources, onOpenSource }: { block: AnswerBlock; sources: Source[]; onOpenSource: (s: Source) => void }) {
  switch (block.kind) {
    case 'lead':
      return (
        <div className="answer-lead" aria-label={`Answer: ${block.label}`}>
          <div className="lead-label muted">{block.label}</div>
          <div className="lead-value">
            <span className="lead-text">{block.value}</span>
            <CopyText text={block.value} label={`Copy ${block.label}`} caption="Copy" />
          </div>
          {block.subject && <div className="muted lead-subject">{block.subject}</div>}
        </div>
      );
    case 'facts':
      return (
        <section className="answer-facts" aria-label={block.title}>
          <div className="facts-title">{block.title}</div>
          <dl className="facts">
            {block.facts.map((f, i) => (
              <div key={`${f.label}-${i}`} className="fact">
                <dt>{f.label}</dt>
                <dd>
                  <RichText text={f.value} />
                  {COPY_WHOLE.test(f.label) && <CopyIcon text={f.value} what={f.label} />}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      );
    case 'list':
      return (
        <section className="answer-list" aria-label={block.heading ?? 'List'}>
          {block.heading && <div className="list-heading">{block.heading}</div>}
          {block.groups.map((g, gi) => (
            <div key={gi} className="list-group">
              {g.org && (
                <h4 className="group-title">
                  {g.org} <span className="badge">{g.items.length}</span>
                </h4>
              )}
              <ul className="answer-items">
                {g.items.map((item, i) => (
                  <Item key={i} item={item} hideOrg={g.org !== null} source={sourceFor(item, sources)} onOpenSource={onOpenSource} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      );
    default:
      return (
        <div className="answer-text">
          <RichText text={block.text} />
        </div>
      );
  }
}

/** The source a list item talks about: the longest source name in its text, in its org. */
function sourceFor(item: ListItem, sources: Source[]): Source | null {
  let best: Source | null = null;
  for (const s of sources) {
    if (!s.name || !item.text.includes(s.name)) continue;
    if (item.org && s.org && s.org.name !== item.org) continue;
    if (!best || s.name.length > best.name.length) best = s;
  }
  return best;
}

function Item({ item, hideOrg, source, onOpenSource }: { item: ListItem; hideOrg: boolean; source: Source | null; onOpenSource: (s: Source) => void }) {
  const text = hideOrg && item.org ? item.text.replace(` (${item.org})`, '') : item.text;
  const days = item.date ? daysUntil(item.date) : null;
  return (
    <li className="answer-item">
      {item.date && (
        <time dateTime={item.date} className={`item-date${days !== null && days <= 7 ? ' is-soon' : ''}`}>
          {dateWithRelative(item.date)}
        </time>
      )}
      <span className="item-text">
        <RichText text={text} />
      </span>
      {source && (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => onOpenSource(source)} aria-label={`Open ${typeSingular(source.type)} ${source.name}`}>
          Open
        </button>
      )}
    </li>
  );
}

/** A password named by an answer, with the viewer's own Copy / Reveal (audited, self-clearing). */
function PasswordSource({ source, onOpen }: { source: Source; onOpen: (s: Source) => void }) {
  const { vault } = useStores();
  const error = useVault((s) => s.error);
  const [meta, setMeta] = useState<PasswordMeta | null>(null);
  useEffect(() => {
    let live = true;
    if (source.org) void vault.getState().lookup(source.org.id, source.id, source.name).then((m) => live && setMeta(m));
    return () => {
      live = false;
    };
  }, [source, vault]);
  return (
    <li className="pw-answer">
      <div className="pw-answer-head">
        <button type="button" className="linklike source-name" onClick={() => onOpen(source)}>
          {source.name}
        </button>
        {source.org && <span className="muted"> · {source.org.name}</span>}
        {meta?.username && (
          <span className="muted">
            {' '}
            · {meta.username}
            <CopyIcon text={meta.username} what="username" />
          </span>
        )}
      </div>
      <PasswordControls meta={meta ?? { id: source.id, name: source.name, username: null, hasValue: true }} compact />
      {error && <div className="error-text">{error.message}</div>}
    </li>
  );
}
