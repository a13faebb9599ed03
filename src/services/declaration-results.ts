import type { DeclarationStatus } from '../domain/declaration/status.ts';
import type { Locale } from '../i18n/index.ts';
import type { DeclarationRecord, PublicAdmission } from '../repositories/declarations/index.ts';
import type { RejectReasonRecord } from '../repositories/moderation/reject-reason-queries.ts';

/* What the declaration service takes and answers: the shapes its callers (http, batch, inbox) read. */

export interface SubmissionContext {
  channel: 'web' | 'api';
  locale: Locale;
  /** With a proof of work or without (services/flood/admission.ts); without, unless a caller says otherwise. */
  admission?: PublicAdmission;
}

export interface Receipt {
  registrationNumber: string;
  queryPassword: string;
  status: DeclarationStatus;
}

/** What a receipt page repeats of the declaration it is for, so the declarant sees what was filed. */
export interface DeclaredSummary {
  names: string[];
  orgs: DeclarationRecord['orgs'];
  headcount: number;
}

/** A form's receipt as its page shows it: with what was declared, or null if that row has gone. */
export type ShownReceipt = Receipt & { declared: DeclaredSummary | null };

/** What a declarant sees with a valid receipt; never the contact or the password hash. */
export interface ReceiptStatus {
  registrationNumber: string;
  status: DeclarationStatus;
  /** As stored: a managed reason in the submitter's language, or an editor's own words. */
  rejectReason: string | null;
  /** A managed reason in every language, for the reader's; null for free text. */
  rejectReasonLabels: RejectReasonRecord['labels'] | null;
  feedback: string | null;
  submittedAt: Date;
  statusChangedAt: Date;
}

export interface PublishedDeclaration {
  registrationNumber: string;
  names: string[];
  headcount: number;
  orgs: DeclarationRecord['orgs'];
  /** Null when the declarant wrote none (i18n/declaration-title.ts makes the one shown). */
  title: string | null;
  region: string | null;
  statement: string | null;
  behalf: DeclarationRecord['behalf'];
  publishedAt: Date;
}

/** A form's receipt, and the one-use reference its page is reached by after the redirect. */
export interface FormReceipt {
  receipt: Receipt;
  ref: string;
}
