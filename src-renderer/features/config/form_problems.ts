import type { z } from 'zod';

/** Problems keyed by field path ("name", "authentication.reference", "serverIds"), "" for the form as a whole. */
export type FormProblems = Record<string, string>;

/**
 * Checks a draft with the same domain schema main validates with, so a problem shows at its field
 * as the administrator types, before anything is sent. The first problem per field wins.
 */
export function draftProblems(schema: z.ZodType, draft: unknown): FormProblems {
  const result = schema.safeParse(draft);
  if (result.success) return {};
  const problems: FormProblems = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    problems[path] ??= issue.message;
  }
  return problems;
}

/** The outcome of saving: nothing (saved) or where main refused it. */
export interface SaveRefusal {
  /** The field path main named ("value.name" arrives as "name"), or "" when it named none. */
  field: string;
  message: string;
}

export function refusalProblems(refusal: SaveRefusal | undefined): FormProblems {
  return refusal === undefined ? {} : { [refusal.field]: refusal.message };
}
