/** Milestones are every hundred million people. */
const MILESTONE_STEP = 100_000_000;

export interface Milestone {
  people: number;
  /** The day the running total first reached it. */
  day: string;
}

/** Walks the days in order and notes where each multiple of the step was first reached. */
export function reachedMilestones(days: readonly { day: string; people: number }[]): Milestone[] {
  const reached: Milestone[] = [];
  let total = 0;
  let next = MILESTONE_STEP;
  for (const { day, people } of days) {
    total += people;
    while (total >= next) {
      reached.push({ people: next, day });
      next += MILESTONE_STEP;
    }
  }
  return reached;
}

export function nextMilestone(total: number): { people: number; progress: number } {
  const people = (Math.floor(total / MILESTONE_STEP) + 1) * MILESTONE_STEP;
  const base = people - MILESTONE_STEP;
  return { people, progress: (total - base) / MILESTONE_STEP };
}
