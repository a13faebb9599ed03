import { z } from 'zod';
import { cleanText, findTextProblem } from '../declaration/safe-text.ts';

/**
 * A campaign's call script: questions whose answers lead to the next question (Spoke's interaction
 * steps), stored as JSON and checked here whenever it is written. It must be a tree walked from
 * `start`: every `next` names a question of the script and no path comes back to a question, so a
 * call always reaches the end of its script.
 */
const SCRIPT_LIMITS = { questions: 50, answers: 12, text: 2000, label: 100, id: 40 } as const;

function text(maxLength: number, multiline: boolean) {
  return z.string({ error: 'text.invalid' }).transform((value, ctx) => {
    const problem = findTextProblem(value, { maxLength, multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: maxLength } });
    const cleaned = cleanText(value, multiline);
    if (!problem && cleaned.length === 0) ctx.addIssue({ code: 'custom', message: 'text.required' });
    return cleaned;
  });
}

const id = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'outreach.scriptInvalid')
  .max(SCRIPT_LIMITS.id, 'outreach.scriptInvalid');

const answerSchema = z.object({ id, label: text(SCRIPT_LIMITS.label, false), next: id.nullable() });
const questionSchema = z.object({
  id,
  text: text(SCRIPT_LIMITS.text, true),
  answers: z.array(answerSchema).max(SCRIPT_LIMITS.answers, 'outreach.scriptInvalid'),
});

export const scriptSchema = z
  .object({
    /** What the caller says first, before any question. */
    opening: text(SCRIPT_LIMITS.text, true),
    start: id.nullable(),
    questions: z.array(questionSchema).max(SCRIPT_LIMITS.questions, 'outreach.scriptInvalid'),
  })
  .superRefine((script, ctx) => {
    const byId = new Map(script.questions.map((question) => [question.id, question]));
    const invalid = () => ctx.addIssue({ code: 'custom', message: 'outreach.scriptInvalid' });
    if (byId.size !== script.questions.length) return invalid();
    for (const question of script.questions) {
      if (new Set(question.answers.map((answer) => answer.id)).size !== question.answers.length) return invalid();
      if (question.answers.some((answer) => answer.next !== null && !byId.has(answer.next))) return invalid();
    }
    if (script.start === null) return script.questions.length === 0 ? undefined : invalid();
    if (!byId.has(script.start)) return invalid();
    // Depth-first from the start: a question met again on the path is a cycle.
    const onPath = new Set<string>();
    const done = new Set<string>();
    const cyclic = (questionId: string): boolean => {
      if (onPath.has(questionId)) return true;
      if (done.has(questionId)) return false;
      onPath.add(questionId);
      const found = byId.get(questionId)!.answers.some((answer) => answer.next !== null && cyclic(answer.next));
      onPath.delete(questionId);
      done.add(questionId);
      return found;
    };
    if (cyclic(script.start)) invalid();
  });
export type Script = z.infer<typeof scriptSchema>;

/** Script answers of one call (question id → answer id), each an answer the script offers. */
export function answersFit(script: Script, answers: Readonly<Record<string, string>>): boolean {
  const byId = new Map(script.questions.map((question) => [question.id, question]));
  return Object.entries(answers).every(([question, answer]) => byId.get(question)?.answers.some((option) => option.id === answer) ?? false);
}
