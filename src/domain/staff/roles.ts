export const STAFF_ROLES = ['volunteer', 'editor', 'center_admin', 'admin', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Global admins belong to no center; everyone else belongs to exactly one. */
export function roleNeedsCenter(role: StaffRole): boolean {
  return role !== 'admin';
}
