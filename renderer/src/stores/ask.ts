import { z } from 'zod';
import { createStore } from 'zustand/vanilla';
import { INTENTS, RECORD_TYPES, type Answer, type OrgRef, type Source } from '../../../shared/domain';
import type { ResultError } from '../../../shared/result';
import type { StoreDeps } from './deps';

export interface ChatTurn {
  id: string;
  question: string;
  org: OrgRef | null;
  at: number;
  pending: boolean;
  answer: Answer | null;
  error: ResultError | null;
}

export interface AskState {
  turns: ChatTurn[];
  /** Org picked from @-autocomplete; sent as orgId while its mention stays in the draft. */
  scope: OrgRef | null;
  suggestions: OrgRef[];
  /** Starter questions written from this store's own data (empty until loaded or when there is none). */
  starters: string[];
  loadStarters(): Promise<void>;
  ask(question: string): Promise<void>;
  suggest(prefix: string): Promise<void>;
  pickOrg(org: OrgRef | null): void;
  clearHistory(): void;
}

const HISTORY_KEY = 'glue.chatHistory.v1';
const MAX_TURNS = 100;

// History is outside input on load (another version may have written it): parse it.
const orgRef = z.object({ id: z.number(), name: z.string() });
const source = z.object({ type: z.enum(RECORD_TYPES), id: z.string(), name: z.string(), org: orgRef.nullable(), url: z.string(), snippet: z.string() });
const storedTurn = z.object({
  id: z.string(),
  question: z.string(),
  org: orgRef.nullable(),
  at: z.number(),
  answer: z
    .object({
      answer: z.string(),
      noData: z.boolean(),
      confidence: z.number(),
      intent: z.enum(INTENTS),
      org: orgRef.nullable(),
      sources: z.array(source),
      didYouMean: z.array(source),
    })
    .nullable(),
});

function loadHistory(storage: StoreDeps['storage']): ChatTurn[] {
  try {
    const parsed = z.array(storedTurn).safeParse(JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]'));
    if (!parsed.success) return [];
    return parsed.data.map((t) => ({
      ...t,
      pending: false,
      error: null,
      answer: t.answer,
    }));
  } catch {
    return [];
  }
}

// Answers hold no secrets (core never puts password values in them); snippets are kept short.
const forStorage = (turns: ChatTurn[]) =>
  turns
    .filter((t) => !t.pending && t.answer)
    .slice(-MAX_TURNS)
    .map(({ id, question, org, at, answer }) => ({
      id,
      question,
      org,
      at,
      answer: answer && { ...answer, sources: answer.sources.map(trimSnippet), didYouMean: answer.didYouMean.map(trimSnippet) },
    }));
const trimSnippet = (s: Source): Source => ({ ...s, snippet: s.snippet.slice(0, 300) });

let seq = 0;

export const createAskStore = ({ api, storage, timers }: Pick<StoreDeps, 'api' | 'storage' | 'timers'>) =>
  createStore<AskState>()((set, get) => {
    const persist = () => storage.setItem(HISTORY_KEY, JSON.stringify(forStorage(get().turns)));
    const update = (id: string, patch: Partial<ChatTurn>) => set({ turns: get().turns.map((t) => (t.id === id ? { ...t, ...patch } : t)) });
    return {
      turns: loadHistory(storage),
      scope: null,
      suggestions: [],
      starters: [],
      async loadStarters() {
        const r = await api.ask.starters({});
        if (r.ok) set({ starters: r.value });
      },
      async ask(raw) {
        const question = raw.trim();
        if (!question) return;
        const scope = get().scope;
        const org = scope && question.includes(`@${scope.name}`) ? scope : null;
        const id = `${timers.now()}-${++seq}`;
        set({ turns: [...get().turns, { id, question, org, at: timers.now(), pending: true, answer: null, error: null }].slice(-MAX_TURNS), scope: null });
        const r = await api.ask.ask(org ? { question, orgId: org.id } : { question });
        update(id, r.ok ? { pending: false, answer: r.value } : { pending: false, error: r.error });
        persist();
      },
      async suggest(prefix) {
        const r = await api.ask.suggestOrgs({ prefix, limit: 8 });
        set({ suggestions: r.ok ? r.value : [] });
      },
      pickOrg(org) {
        set({ scope: org, suggestions: [] });
      },
      clearHistory() {
        set({ turns: [] });
        storage.removeItem(HISTORY_KEY);
      },
    };
  });

export type AskStore = ReturnType<typeof createAskStore>;
