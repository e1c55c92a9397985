import type { z } from 'zod';

/** Stored or received JSON text checked against a schema; missing, malformed or off-shape → null. */
export function parseJsonWith<T>(schema: z.ZodType<T>, text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
