export const ORGANIZATIONS = ['party', 'league', 'pioneers'] as const;
export type Organization = (typeof ORGANIZATIONS)[number];

export function isOrganization(value: string): value is Organization {
  return (ORGANIZATIONS as readonly string[]).includes(value);
}

/** The organisations a row names, from its 0/1 columns, in canonical order. */
export function organizationsOf(row: { party: number; league: number; pioneers: number }): Organization[] {
  return ORGANIZATIONS.filter((org) => row[org] === 1);
}
