/** People, and the people of each organisation, as the counters add them up. */
export interface PeopleFigures {
  people: number;
  party: number;
  league: number;
  pioneers: number;
}

/** A day of the old site's totals: the organisation figures are null when its export had none. */
export interface LegacyFigures {
  people: number;
  party: number | null;
  league: number | null;
  pioneers: number | null;
}

export const NO_PEOPLE: PeopleFigures = Object.freeze({ people: 0, party: 0, league: 0, pioneers: 0 });

/**
 * What a legacy day carries over: its published figure less the people of the posts imported for
 * that day, never below zero (docs/history.md). Importing a day's posts moves people from carried
 * over to held here; if they hold more than the old figure said, the statements count in full and
 * the day carries nothing. A figure the export did not give carries nothing.
 */
export function carriedOver(legacy: LegacyFigures, imported: PeopleFigures = NO_PEOPLE): PeopleFigures {
  const rest = (published: number | null, taken: number) => Math.max(0, (published ?? 0) - taken);
  return {
    people: rest(legacy.people, imported.people),
    party: rest(legacy.party, imported.party),
    league: rest(legacy.league, imported.league),
    pioneers: rest(legacy.pioneers, imported.pioneers),
  };
}

export function addFigures(a: PeopleFigures, b: PeopleFigures, sign: 1 | -1 = 1): PeopleFigures {
  return {
    people: a.people + sign * b.people,
    party: a.party + sign * b.party,
    league: a.league + sign * b.league,
    pioneers: a.pioneers + sign * b.pioneers,
  };
}
