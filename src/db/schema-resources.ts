import type { Generated } from 'kysely';
import type { ResourceLinkKind } from '../domain/resources/links.ts';
import type { DbTime } from './time.ts';

// The resources page's tables (migration 0017, docs/resources.md).
interface ResourceVersionsTable {
  id: Generated<number>;
  /** One of LOCALES. */
  locale: string;
  /** The text in the page's small markup (domain/resources/markup.ts), as the admin wrote it. */
  body: string;
  created_by: number | null;
  restored_from: number | null;
  created_at: DbTime;
}

interface ResourceLinksTable {
  id: Generated<number>;
  url: string;
  kind: ResourceLinkKind;
  label: string;
  created_by: number | null;
  created_at: DbTime;
}

export interface ResourcesTables {
  resource_versions: ResourceVersionsTable;
  resource_links: ResourceLinksTable;
}
