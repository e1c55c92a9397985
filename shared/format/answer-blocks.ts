// Reads an answer's plain text (shared/domain Answer.answer, the same text every door prints)
// into blocks a card can lay out: the asked-for value first ("wan1 IP: 198.51.100.101 — ACMD-FW01
// (Acme Dental)"), a record's "Label: value" facts, and lists, grouped by organization when
// they span several. Text it does not recognise stays text, so nothing is ever lost.

export interface LeadBlock {
  kind: 'lead';
  label: string;
  value: string;
  /** The record the value belongs to, as the answer names it ("ACMD-FW01 (Acme Dental)"). */
  subject: string | null;
}
export interface FactsBlock {
  kind: 'facts';
  title: string;
  facts: { label: string; value: string }[];
}
export interface ListItem {
  /** A leading ISO date ("2026-01-24: …"), when the item has one. */
  date: string | null;
  text: string;
  org: string | null;
}
export interface ListBlock {
  kind: 'list';
  heading: string | null;
  count: number;
  /** One group per organization when the items span several; else one group with org null. */
  groups: { org: string | null; items: ListItem[] }[];
}
export interface TextBlock {
  kind: 'text';
  text: string;
}
export type AnswerBlock = LeadBlock | FactsBlock | ListBlock | TextBlock;

const LEAD = /^([^:\n]{1,60}): (.+?) — (.+)$/;
// "Name (Org). Type: Firewall. Status: Active. …": a title, then sentences that are "Label: value".
const FACT_SPLIT = /\. (?=[A-Z][A-Za-z0-9 /()'-]{0,32}: )/;
const DATE_ITEM = /^(\d{4}-\d{2}-\d{2}): (.*)$/;
// The organization an item names: the last "(…)" before a ":" or the end.
const ITEM_ORG = /\(([^()]+)\)(?=:|\s*$)/g;

function listItem(line: string): ListItem {
  let text = line.replace(/^- /, '');
  let date: string | null = null;
  const d = DATE_ITEM.exec(text);
  if (d) {
    date = d[1] ?? null;
    text = d[2] ?? '';
  }
  const orgs = [...text.matchAll(ITEM_ORG)];
  const org = orgs.at(-1)?.[1] ?? null;
  return { date, text, org };
}

function listBlock(heading: string | null, lines: string[]): ListBlock {
  const items = lines.map(listItem);
  const orgs = [...new Set(items.map((i) => i.org))];
  const grouped = orgs.length > 1 && items.length >= 4 && items.every((i) => i.org !== null);
  const groups = grouped
    ? orgs.map((org) => ({ org, items: items.filter((i) => i.org === org) })).sort((a, b) => (a.org ?? '').localeCompare(b.org ?? '', 'en'))
    : [{ org: null, items }];
  return { kind: 'list', heading, count: items.length, groups };
}

function facts(paragraph: string): FactsBlock | null {
  const parts = paragraph.replace(/\.$/, '').split(FACT_SPLIT);
  if (parts.length < 3) return null;
  const [title, ...rest] = parts;
  const out: { label: string; value: string }[] = [];
  for (const p of rest) {
    const i = p.indexOf(': ');
    if (i <= 0) return null;
    out.push({ label: p.slice(0, i), value: p.slice(i + 2) });
  }
  return { kind: 'facts', title: title ?? '', facts: out };
}

export function answerBlocks(answer: string): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  for (const paragraph of answer.split(/\n{2,}/)) {
    const lines = paragraph.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const firstItem = lines.findIndex((l) => l.startsWith('- '));
    if (firstItem >= 0) {
      let lastItem = firstItem;
      while (lastItem + 1 < lines.length && lines[lastItem + 1]?.startsWith('- ')) lastItem++;
      const before = lines.slice(0, firstItem).join(' ').trim();
      blocks.push(listBlock(before || null, lines.slice(firstItem, lastItem + 1)));
      const after = lines.slice(lastItem + 1).join('\n').trim();
      if (after) blocks.push({ kind: 'text', text: after });
      continue;
    }
    const lead = lines.length === 1 ? LEAD.exec(lines[0] ?? '') : null;
    if (lead) {
      blocks.push({ kind: 'lead', label: lead[1] ?? '', value: lead[2] ?? '', subject: lead[3] ?? null });
      continue;
    }
    const f = lines.length === 1 ? facts(lines[0] ?? '') : null;
    blocks.push(f ?? { kind: 'text', text: lines.join('\n') });
  }
  return blocks;
}

export type TokenKind = 'ip' | 'cidr' | 'mac' | 'email' | 'phone' | 'url' | 'date';
export interface Token {
  kind: TokenKind | 'text';
  text: string;
}

// One pass over a value: the things a technician copies or follows, left to right.
const TOKEN =
  /(https?:\/\/[^\s<>"')]+[^\s<>"').,;:])|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})|\b((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?)\b|\b([0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})\b|\b(\d{4}-\d{2}-\d{2})\b|(?<![\w.])(\+?\d[\d ()-]{6,}\d(?: x\d{1,6})?)(?![\w.])/g;

/** Splits text into plain runs and the identifiers, links, dates and phone numbers in it. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const [whole, url, email, ip, mac, date, phone] = m;
    let kind: TokenKind = 'url';
    if (url) kind = 'url';
    else if (email) kind = 'email';
    else if (ip) kind = ip.includes('/') ? 'cidr' : ip.split('.').every((n) => Number(n) <= 255) ? 'ip' : 'phone';
    else if (mac) kind = 'mac';
    else if (date) kind = 'date';
    else if (phone) kind = 'phone';
    // A phone number needs 7 digits; shorter digit runs (years, counts) stay text.
    if (kind === 'phone' && (whole.replace(/\D/g, '').length < 7 || /^\d{4}-\d{2}$/.test(whole))) {
      out.push({ kind: 'text', text: whole });
    } else out.push({ kind, text: whole });
    last = at + whole.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  // Merge adjacent text runs.
  return out.reduce<Token[]>((acc, t) => {
    const prev = acc.at(-1);
    if (prev && prev.kind === 'text' && t.kind === 'text') prev.text += t.text;
    else acc.push({ ...t });
    return acc;
  }, []);
}
