export const ORGANIZATIONS = ['party', 'league', 'pioneers'] as const;
export type Organization = (typeof ORGANIZATIONS)[number];

export function isOrganization(value: string): value is Organization {
  return (ORGANIZATIONS as readonly string[]).includes(value);
}
