// The graded question file: one schema for the held-out set and for the demo set (converted from
// its older shape), so both are graded and reported the same way.
import { z } from 'zod';
import { RECORD_TYPES } from '../../../../shared/domain';

/** A record the answer must cite. Every field given must match; the demo set gives some only. */
export const expectedSourceSchema = z.object({
  type: z.enum(RECORD_TYPES).optional(),
  name: z.string().min(1).optional(),
  org: z.string().min(1).optional(),
});
export type ExpectedSource = z.infer<typeof expectedSourceSchema>;

export const expectationSchema = z
  .object({
    /** Must be among the answer's sources; the first listed must be the first source. */
    sources: z.array(expectedSourceSchema).min(1).optional(),
    /** Must each appear in the answer text (case-insensitive). */
    answerIncludes: z.array(z.string().min(1)).min(1).optional(),
    noData: z.literal(true).optional(),
    /** Organizations the engine must offer when the @org is ambiguous. */
    ambiguous: z.array(z.string().min(1)).min(2).optional(),
    /** No source (and no search hit) may come from these organizations. */
    notOrgs: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((e) => Boolean(e.noData) || Boolean(e.ambiguous) || Boolean(e.sources) || Boolean(e.answerIncludes), 'an expectation needs sources, answerIncludes, noData or ambiguous')
  .refine((e) => !(e.noData && (e.sources || e.answerIncludes || e.ambiguous)), 'noData excludes every other expectation');
export type Expectation = z.infer<typeof expectationSchema>;

export const questionSchema = z
  .object({
    id: z.string().min(1),
    q: z.string(),
    kind: z.string().min(1),
    /** The day relative dates ("next 30 days") are read against; defaults to the file's. */
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    expect: expectationSchema,
  })
  .strict();
export type Question = z.infer<typeof questionSchema>;

export const questionFileSchema = z
  .object({
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    questions: z.array(questionSchema).min(1),
  })
  .strict()
  .refine((f) => new Set(f.questions.map((q) => q.id)).size === f.questions.length, 'question ids must be unique');
export type QuestionFile = z.infer<typeof questionFileSchema>;

/** electron/core/answers/questions.json, the demo set, as it is written. */
const demoFileSchema = z.object({
  today: z.string(),
  questions: z.array(
    z.object({
      q: z.string(),
      kind: z.string(),
      first: expectedSourceSchema.optional(),
      orgs: z.array(z.string()).optional(),
      noData: z.boolean().optional(),
      ambiguous: z.array(z.string()).optional(),
    }),
  ),
});

/**
 * The demo set in the held-out schema: `first` becomes the first expected source and `orgs`
 * (orgs the sources must cover) one org-only source each after it.
 */
export function fromDemoFile(raw: unknown): QuestionFile {
  const demo = demoFileSchema.parse(raw);
  return questionFileSchema.parse({
    today: demo.today,
    questions: demo.questions.map((d, i) => {
      const sources = [...(d.first ? [d.first] : []), ...(d.orgs ?? []).map((org) => ({ org }))];
      const expect: Expectation = d.noData ? { noData: true } : d.ambiguous ? { ambiguous: d.ambiguous } : { sources: sources.length ? sources : [{}] };
      return { id: `demo-${String(i + 1).padStart(3, '0')}`, q: d.q, kind: d.kind, expect };
    }),
  });
}
