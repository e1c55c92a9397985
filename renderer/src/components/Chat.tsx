import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { OrgRef, Source } from '../../../shared/domain';
import { useAsk, useStores } from '../context';
import type { ChatTurn } from '../stores/ask';
import { Empty, ErrorNote, Spinner } from './common';
import { AnswerCard } from './AnswerCard';
import { SourceCard } from './SourceCard';


/** The @mention being typed at the caret, if any: `@Acm|` → "Acm". */
function mentionAt(text: string, caret: number): { start: number; prefix: string } | null {
  const m = /(^|\s)@([^@\n]{0,40})$/.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - (m[2]?.length ?? 0) - 1, prefix: m[2] ?? '' };
}

export function Chat({ inputRef, onOpenSource }: { inputRef: RefObject<HTMLTextAreaElement | null>; onOpenSource: (s: Source) => void }) {
  const { ask } = useStores();
  const turns = useAsk((s) => s.turns);
  const suggestions = useAsk((s) => s.suggestions);
  const starters = useAsk((s) => s.starters);
  const [draft, setDraft] = useState('');
  const [mention, setMention] = useState<{ start: number; prefix: string } | null>(null);
  const [active, setActive] = useState(0);
  const bottom = useRef<HTMLDivElement>(null);

  // The app opens ready to type a question.
  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);
  useEffect(() => {
    if (turns.length === 0) void ask.getState().loadStarters();
  }, [turns.length, ask]);
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [turns.length]);
  useEffect(() => {
    if (mention) void ask.getState().suggest(mention.prefix);
  }, [mention, ask]);

  function onChange(text: string, caret: number) {
    setDraft(text);
    setMention(mentionAt(text, caret));
    setActive(0);
  }

  function pick(org: OrgRef) {
    if (!mention) return;
    const end = mention.start + 1 + mention.prefix.length;
    const next = `${draft.slice(0, mention.start)}@${org.name} ${draft.slice(end)}`;
    ask.getState().pickOrg(org);
    setDraft(next);
    setMention(null);
    inputRef.current?.focus();
  }

  function send() {
    const q = draft.trim();
    if (!q) return;
    setDraft('');
    setMention(null);
    void ask.getState().ask(q);
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    const open = mention && suggestions.length > 0;
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault();
      const org = suggestions[active];
      if (org) pick(org);
    } else if (open && e.key === 'Escape') {
      setMention(null);
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  }

  const listOpen = mention !== null && suggestions.length > 0;
  return (
    <main className="chat" aria-label="Ask">
      <div className="chat-log" aria-live="polite">
        {turns.length === 0 && (
          <Empty title="Ask anything about your clients">
            <p>Answers come only from your synced IT Glue data, with the records they came from.</p>
            <div className="examples" aria-label="Starter questions">
              {starters.map((ex) => (
                <button key={ex} type="button" className="chip" onClick={() => onChange(ex, ex.length)}>
                  {ex}
                </button>
              ))}
            </div>
          </Empty>
        )}
        {turns.map((t) => (
          <Turn key={t.id} turn={t} onOpenSource={onOpenSource} onAsk={(q) => void ask.getState().ask(q)} />
        ))}
        <div ref={bottom} />
      </div>
      <div className="composer">
        {listOpen && (
          <ul className="mention-list" role="listbox" id="mention-list" aria-label="Organizations">
            {suggestions.map((o, i) => (
              <li key={o.id} id={`mention-${o.id}`} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(o); }}>
                {o.name}
              </li>
            ))}
          </ul>
        )}
        <textarea
          ref={inputRef}
          className="composer-input"
          aria-label="Ask a question"
          placeholder="Ask about a client, a device, an IP… Type @ to pick an organization"
          rows={1}
          value={draft}
          role="combobox"
          aria-expanded={listOpen}
          aria-controls={listOpen ? 'mention-list' : undefined}
          aria-autocomplete="list"
          aria-activedescendant={listOpen && suggestions[active] ? `mention-${suggestions[active].id}` : undefined}
          onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
          onKeyDown={onKey}
        />
        <button type="button" className="btn btn-primary" onClick={send} disabled={!draft.trim()} aria-label="Send question">
          Ask
        </button>
      </div>
      <div className="composer-hint muted">
        Enter to ask · Shift+Enter for a new line · @ picks an organization · Ctrl/⌘ K jumps anywhere
        {turns.length > 0 && (
          <button type="button" className="linklike" onClick={() => ask.getState().clearHistory()}>
            Clear history
          </button>
        )}
      </div>
    </main>
  );
}

function Turn({ turn, onOpenSource, onAsk }: { turn: ChatTurn; onOpenSource: (s: Source) => void; onAsk: (q: string) => void }) {
  const a = turn.answer;
  return (
    <section className="turn" aria-label={`Question: ${turn.question}`}>
      <div className="bubble bubble-q">{turn.question}</div>
      {turn.pending && <Spinner label="Looking through your data…" />}
      {turn.error && <ErrorNote error={turn.error} onRetry={() => onAsk(turn.question)} />}
      {a && (
        <div className="answer">
          {a.noData ? (
            <div className="answer-nodata">
              <strong>No data available</strong>
              <span className="muted"> — nothing in your synced IT Glue answers this.</span>
            </div>
          ) : (
            <AnswerCard answer={a} onOpenSource={onOpenSource} />
          )}
          {a.didYouMean.length > 0 && (
            <div className="did-you-mean">
              <span className="muted">{a.intent === 'ambiguous_org' ? 'Which organization did you mean?' : 'Did you mean'}</span>
              <div className="examples">
                {a.didYouMean.map((s) => (
                  <button key={`${s.type}-${s.id}`} type="button" className="chip" onClick={() => (a.intent === 'ambiguous_org' ? onAsk(`@${s.name} ${turn.question.replace(/@\S+\s*/, '')}`) : onOpenSource(s))}>
                    {s.name}
                    {s.org ? <span className="muted"> · {s.org.name}</span> : null}
                  </button>
                ))}
              </div>
            </div>
          )}
          {a.noData && a.sources.length > 0 && (
            <div className="sources" aria-label="Sources">
              {a.sources.map((s) => (
                <SourceCard key={`${s.type}-${s.id}`} source={s} onOpen={onOpenSource} />
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
