import type { StaffRole } from './roles.ts';

/** Everything a staff member may be allowed to do; each console route needs one of these. */
export enum Permission {
  ConsoleUse = 'console.use',
  DeclarationsEnter = 'declarations.enter',
  DeclarationsPublishDirectly = 'declarations.publishDirectly',
  ModerationRead = 'moderation.read',
  ModerationDecide = 'moderation.decide',
  SelectionExport = 'selection.export',
  ContactReveal = 'contact.reveal',
  CentersManage = 'centers.manage',
  StaffManageCenter = 'staff.manageCenter',
  StaffManageAll = 'staff.manageAll',
  StatisticsOwn = 'statistics.own',
  StatisticsCenter = 'statistics.center',
  AuditRead = 'audit.read',
  ReasonsManage = 'reasons.manage',
  /** Figures of every center, not only one's own. */
  StatisticsAll = 'statistics.all',
  /** Take a lease of a call list of one's own center and call it (docs/outreach.md). */
  OutreachCall = 'outreach.call',
  /** Run one's own center's campaigns: scripts, imports, leases, the do-not-call list. */
  OutreachManageCenter = 'outreach.manageCenter',
  /** Run every center's campaigns. */
  OutreachManageAll = 'outreach.manageAll',
  /** Write newsletter issues and send them to every subscriber (docs/newsletter.md). */
  NewsletterSend = 'newsletter.send',
  /** Edit the public resources page and the outside addresses it may link to (docs/resources.md). */
  ResourcesEdit = 'resources.edit',
  /** Work one's own center's inbox: read, take, snooze, convert, discard, reply, log calls (docs/inbox.md). */
  InboxWork = 'inbox.work',
  /** Assign one's own center's inbox items to its staff. */
  InboxManageCenter = 'inbox.manageCenter',
  /** Every center's inbox. */
  InboxManageAll = 'inbox.manageAll',
  /** One's own center's inbox channels: its address, voicemail webhook secret and IMAP mailbox (docs/inbox.md). */
  ChannelsManageCenter = 'channels.manageCenter',
  /** Every center's inbox channels. */
  ChannelsManageAll = 'channels.manageAll',
  /** Issue or refuse the certificates real-name declarants ask for (docs/certificates.md). */
  CertificatesIssue = 'certificates.issue',
  /** Turn public features off and on again: the kill switches (docs/security.md, "Kill switches"). */
  SwitchesManage = 'switches.manage',
}

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  volunteer: [Permission.ConsoleUse, Permission.DeclarationsEnter, Permission.StatisticsOwn, Permission.OutreachCall, Permission.InboxWork],
  editor: [
    Permission.ConsoleUse,
    Permission.ModerationRead,
    Permission.ModerationDecide,
    Permission.SelectionExport,
    Permission.CertificatesIssue,
  ],
  center_admin: [
    Permission.ConsoleUse,
    Permission.DeclarationsEnter,
    Permission.StatisticsOwn,
    Permission.StatisticsCenter,
    Permission.StaffManageCenter,
    Permission.OutreachCall,
    Permission.OutreachManageCenter,
    Permission.InboxWork,
    Permission.InboxManageCenter,
    Permission.ChannelsManageCenter,
  ],
  admin: [
    Permission.ConsoleUse,
    Permission.DeclarationsEnter,
    Permission.DeclarationsPublishDirectly,
    Permission.ModerationRead,
    Permission.ModerationDecide,
    Permission.SelectionExport,
    Permission.ContactReveal,
    Permission.CentersManage,
    Permission.StaffManageCenter,
    Permission.StaffManageAll,
    Permission.StatisticsCenter,
    Permission.AuditRead,
    Permission.ReasonsManage,
    Permission.StatisticsAll,
    Permission.OutreachCall,
    Permission.OutreachManageCenter,
    Permission.OutreachManageAll,
    Permission.NewsletterSend,
    Permission.ResourcesEdit,
    Permission.InboxWork,
    Permission.InboxManageCenter,
    Permission.InboxManageAll,
    Permission.ChannelsManageCenter,
    Permission.ChannelsManageAll,
    Permission.CertificatesIssue,
    Permission.SwitchesManage,
  ],
  // Read-only: sees what the others did, changes nothing.
  auditor: [Permission.ConsoleUse, Permission.ModerationRead, Permission.StatisticsCenter, Permission.StatisticsAll, Permission.AuditRead],
};

export interface Actor {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  centerId: number | null;
  /** Trusted volunteers publish their entries without moderation. */
  trusted: boolean;
}

/**
 * The command line acting through the same services as the console. Whoever
 * runs it holds the data directory and its keys, so it may do what an admin
 * may; it is no staff account (no staff id is 0) and is audited as "cli".
 */
export const SYSTEM_ACTOR: Readonly<Actor> = Object.freeze({
  id: 0,
  email: 'cli',
  name: 'cli',
  role: 'admin',
  centerId: null,
  trusted: false,
});

export function isSystemActor(actor: Pick<Actor, 'id'>): boolean {
  return actor.id === SYSTEM_ACTOR.id;
}

function permissionsOf(actor: Pick<Actor, 'role' | 'trusted'>): ReadonlySet<Permission> {
  const granted = new Set(ROLE_PERMISSIONS[actor.role]);
  if (actor.trusted && granted.has(Permission.DeclarationsEnter)) granted.add(Permission.DeclarationsPublishDirectly);
  return granted;
}

export function can(actor: Pick<Actor, 'role' | 'trusted'>, permission: Permission): boolean {
  return permissionsOf(actor).has(permission);
}

/** The roles a center admin may hand out: never moderation, auditing or global rights. */
const CENTER_MANAGED_ROLES: readonly StaffRole[] = ['volunteer', 'center_admin'];

/**
 * Center admins manage the volunteers and center admins of their own center;
 * global admins manage everyone. Applies to a member's current role and to
 * any role they would be given.
 */
export function canManageStaffMember(actor: Actor, member: { centerId: number | null; role: StaffRole }): boolean {
  if (can(actor, Permission.StaffManageAll)) return true;
  return (
    can(actor, Permission.StaffManageCenter) &&
    actor.centerId !== null &&
    member.centerId === actor.centerId &&
    CENTER_MANAGED_ROLES.includes(member.role)
  );
}
