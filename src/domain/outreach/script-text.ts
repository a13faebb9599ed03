import { scriptSchema, type Script } from './script.ts';

/**
 * A script as plain text, so it can be written in a textarea without JavaScript:
 *
 *     您好，我是……（the opening: every line before the first question）
 *     ? heard: 您听说过三退吗？
 *     - yes: 听说过 -> quit
 *     - no: 没有
 *     ? quit: 愿意声明退出吗？
 *     - yes: 愿意
 *
 * "? id: text" starts a question (its text may go on over the next lines), "- id: label" is one of
 * its answers, "-> id" names the question it leads to. The first question is where a call starts.
 */
const QUESTION = /^\?\s*([^:：\s]+)\s*[:：]\s*(.*)$/u;
const ANSWER = /^[-－]\s*([^:：\s]+)\s*[:：]\s*(.*?)(?:\s*->\s*(\S+))?\s*$/u;

type Draft = {
  opening: string[];
  questions: { id: string; text: string[]; answers: { id: string; label: string; next: string | null }[] }[];
};

/** The script a text describes, checked by scriptSchema; or the line that cannot be read. */
export function parseScriptText(text: string): { ok: true; script: Script } | { ok: false; line: number | null } {
  const draft: Draft = { opening: [], questions: [] };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const question = QUESTION.exec(line);
    const current = draft.questions.at(-1);
    if (question) {
      draft.questions.push({ id: question[1]!, text: [question[2]!], answers: [] });
      continue;
    }
    const answer = ANSWER.exec(line);
    if (answer && current) {
      current.answers.push({ id: answer[1]!, label: answer[2]!, next: answer[3] ?? null });
      continue;
    }
    if (answer || (current && current.answers.length > 0 && line !== '')) return { ok: false, line: index + 1 };
    if (current) current.text.push(raw);
    else draft.opening.push(raw);
  }
  const parsed = scriptSchema.safeParse({
    opening: draft.opening.join('\n'),
    start: draft.questions[0]?.id ?? null,
    questions: draft.questions.map((question) => ({ id: question.id, text: question.text.join('\n'), answers: question.answers })),
  });
  return parsed.success ? { ok: true, script: parsed.data } : { ok: false, line: null };
}

/** The text of a script, as parseScriptText reads it back. */
export function scriptText(script: Script): string {
  const lines = [script.opening];
  for (const question of script.questions) {
    lines.push(`? ${question.id}: ${question.text}`);
    for (const answer of question.answers) lines.push(`- ${answer.id}: ${answer.label}${answer.next ? ` -> ${answer.next}` : ''}`);
  }
  return lines.join('\n');
}
