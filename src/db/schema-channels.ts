import type { DbTime } from './time.ts';

/** How a center's inbox is reached (migration 0018, docs/inbox.md "How items arrive"). */
interface CenterInboxSettingsTable {
  center_id: number;
  /** Lower case, unique: `<address_local>@<inbox domain>`. */
  address_local: string;
  /** Sealed under the staff key, bound to the center; null until one is generated. */
  webhook_secret_sealed: string | null;
  webhook_secret_set_at: DbTime | null;
  imap_host: string | null;
  imap_port: number | null;
  /** 0/1: implicit TLS (IMAPS); 0 still upgrades with STARTTLS where the server offers it. */
  imap_tls: 0 | 1 | null;
  imap_user: string | null;
  imap_password_sealed: string | null;
  imap_folder: string | null;
  updated_at: DbTime;
}

export interface ChannelsTables {
  center_inbox_settings: CenterInboxSettingsTable;
}
