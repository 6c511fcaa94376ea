/**
 * A survey edited by hand, as `sko survey show` prints it and `sko survey load` reads it back:
 * the shape is checked here, field by field, before `checkSurvey` checks what it says.
 */
import { z } from 'zod';
import type { Survey } from './surveys.js';

const option = z.object({ id: z.string(), label: z.string() });
const base = {
  id: z.string(),
  prompt: z.string(),
  required: z.boolean(),
  hint: z.string().optional(),
  metric: z.enum(['clarity', 'territory-quota', 'confidence', 'motivation', 'logistics', 'satisfaction', 'session-rating']).optional(),
};
const question = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('rating'),
    labels: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]),
    session: z.object({ id: z.string(), title: z.string() }).optional(),
  }),
  z.object({ ...base, kind: z.literal('single'), options: z.array(option), correct: z.string().optional() }),
  z.object({ ...base, kind: z.literal('multi'), options: z.array(option), maxChoices: z.number().optional(), correct: z.array(z.string()).optional() }),
  z.object({ ...base, kind: z.literal('yes-somewhat-no') }),
  z.object({ ...base, kind: z.literal('text'), maxLength: z.number(), multiline: z.boolean() }),
]);
const survey = z.object({
  id: z.string(),
  kind: z.enum(['pre', 'post', 'quiz']),
  title: z.string(),
  intro: z.string(),
  anonymous: z.boolean(),
  questions: z.array(question),
  passMark: z.number().optional(),
});

/** The survey in a file, or each place where its shape is wrong ("questions.2.kind: …"). */
export function parseSurveyFile(data: unknown): { ok: true; survey: Survey } | { ok: false; problems: string[] } {
  const parsed = survey.safeParse(data);
  if (parsed.success) return { ok: true, survey: parsed.data as Survey };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`) };
}
