// Splits a record into embedding-sized pieces. MiniLM reads at most 256 WordPiece tokens per
// input (sentence-transformers' max_seq_length); ~900 characters of IT notes is ~200–250
// tokens, so a chunk is seen whole. Each chunk starts with the record's type, name and org,
// so a short piece ("Port 443 open to 10.0.0.0/8") still says what it belongs to.

export interface ChunkInput {
  type: string;
  name: string;
  body: string;
  orgName?: string | null;
}

export interface Chunk {
  seq: number;
  text: string;
}

export interface ChunkOptions {
  /** Characters of body per chunk, prefix not counted. */
  maxChars?: number;
  /** Characters repeated from the end of one chunk at the start of the next. */
  overlap?: number;
}

const LABELS: Record<string, string> = {
  organizations: 'Organization',
  configurations: 'Configuration',
  'configuration-interfaces': 'Interface',
  passwords: 'Password entry',
  'flexible-asset-types': 'Flexible asset type',
  'flexible-asset-fields': 'Flexible asset field',
  'flexible-assets': 'Flexible asset',
  documents: 'Document',
  'document-sections': 'Document section',
  contacts: 'Contact',
  locations: 'Location',
  domains: 'Domain',
  'document-folders': 'Document folder',
  checklists: 'Checklist',
  'checklist-tasks': 'Checklist task',
  'ssl-certificates': 'SSL certificate',
  expirations: 'Expiration',
  attachments: 'Attachment',
};

export function chunkPrefix(input: Omit<ChunkInput, 'body'>): string {
  const label = LABELS[input.type] ?? input.type;
  const org = input.orgName && input.type !== 'organizations' ? ` (${input.orgName})` : '';
  return `${label}: ${input.name.trim()}${org}`;
}

/** Best place to end a piece that may run to `limit`: a paragraph, line, sentence or word end. */
function cutPoint(text: string, start: number, limit: number): number {
  if (limit >= text.length) return text.length;
  const window = text.slice(start, limit);
  const min = Math.floor(window.length / 2); // never cut so early that chunks become tiny
  for (const sep of ['\n\n', '\n', '. ', '; ', ', ', ' ']) {
    const at = window.lastIndexOf(sep);
    if (at >= min) return start + at + sep.length;
  }
  return limit;
}

export function chunkRecord(input: ChunkInput, opts: ChunkOptions = {}): Chunk[] {
  const maxChars = Math.max(100, opts.maxChars ?? 900);
  const overlap = Math.min(Math.max(0, opts.overlap ?? 150), Math.floor(maxChars / 3));
  const prefix = chunkPrefix(input);
  const body = input.body.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (!body) return [{ seq: 0, text: prefix }];
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < body.length) {
    const end = cutPoint(body, start, start + maxChars);
    chunks.push({ seq: chunks.length, text: `${prefix}\n${body.slice(start, end).trim()}` });
    if (end >= body.length) break;
    // Step back by the overlap, to a word start, so a fact split at the border is whole in one chunk.
    let next = Math.max(end - overlap, start + 1);
    const space = body.indexOf(' ', next);
    if (space !== -1 && space < end) next = space + 1;
    start = next;
  }
  return chunks;
}
