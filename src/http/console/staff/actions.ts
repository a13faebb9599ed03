/** What an admin can do to a staff member: each is POST /console/staff/:id/<action>. */
const STAFF_ACTIONS = [
  'reset-link',
  'reset-second-factor',
  'revoke-sessions',
  'activate',
  'deactivate',
  'trust',
  'untrust',
  'role',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export function isStaffAction(value: string | undefined): value is StaffAction {
  return (STAFF_ACTIONS as readonly (string | undefined)[]).includes(value);
}
