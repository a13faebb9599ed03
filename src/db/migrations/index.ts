import type { Migration, MigrationProvider } from 'kysely/migration';
import * as declarations from './0001-declarations.ts';
import * as staffConsole from './0002-staff-console.ts';
import * as passkeys from './0003-passkeys.ts';
import * as counts from './0004-counts.ts';
import * as archive from './0005-archive.ts';
import * as supportMessages from './0006-support-messages.ts';
import * as oneAliasIndex from './0007-one-alias-index.ts';
import * as registrationSerials from './0008-registration-serials.ts';
import * as publicPagesVersion from './0009-public-pages-version.ts';
import * as submissionReceipts from './0010-submission-receipts.ts';
import * as keyChecks from './0012-key-checks.ts';
import * as readerLanguage from './0013-reader-language.ts';
import * as outreach from './0014-outreach.ts';
import * as inbox from './0015-inbox.ts';
import * as newsletter from './0016-newsletter.ts';
import * as resources from './0017-resources.ts';
import * as inboxChannels from './0018-inbox-channels.ts';
import * as history from './0019-history.ts';
import * as transparencyLog from './0020-transparency-log.ts';
import * as historyPosts from './0021-history-posts.ts';
import * as logCarried from './0022-log-carried.ts';
import * as importOrder from './0023-import-order.ts';
import * as logQueueCounts from './0024-log-queue-counts.ts';
import * as flood from './0025-flood.ts';
import * as aliasPublished from './0026-alias-published.ts';
import * as vault from './0027-vault.ts';
import * as certificates from './0029-certificates.ts';
import * as contactRotation from './0031-contact-rotation.ts';
import * as textKeys from './0032-text-keys.ts';
import * as logTileNodes from './0033-log-tile-nodes.ts';
import * as admissionCounts from './0034-admission-counts.ts';
import * as publicProofsVersion from './0035-public-proofs-version.ts';
import * as publicPagesColumns from './0036-public-pages-columns.ts';

/** Listed explicitly so the set of migrations is part of the build, not of the file system. */
const migrations: Record<string, Migration> = {
  '0001-declarations': declarations,
  '0002-staff-console': staffConsole,
  '0003-passkeys': passkeys,
  '0004-counts': counts,
  '0005-archive': archive,
  '0006-support-messages': supportMessages,
  '0007-one-alias-index': oneAliasIndex,
  '0008-registration-serials': registrationSerials,
  '0009-public-pages-version': publicPagesVersion,
  '0010-submission-receipts': submissionReceipts,
  '0012-key-checks': keyChecks,
  '0013-reader-language': readerLanguage,
  '0014-outreach': outreach,
  '0015-inbox': inbox,
  '0016-newsletter': newsletter,
  '0017-resources': resources,
  '0018-inbox-channels': inboxChannels,
  '0019-history': history,
  '0020-transparency-log': transparencyLog,
  '0021-history-posts': historyPosts,
  '0022-log-carried': logCarried,
  '0023-import-order': importOrder,
  '0024-log-queue-counts': logQueueCounts,
  '0025-flood': flood,
  '0026-alias-published': aliasPublished,
  '0027-vault': vault,
  '0029-certificates': certificates,
  '0031-contact-rotation': contactRotation,
  '0032-text-keys': textKeys,
  '0033-log-tile-nodes': logTileNodes,
  '0034-admission-counts': admissionCounts,
  '0035-public-proofs-version': publicProofsVersion,
  '0036-public-pages-columns': publicPagesColumns,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
