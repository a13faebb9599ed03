import type { SecureHeadersVariables } from 'hono/secure-headers';
import type { Catalog, Locale } from '../i18n/index.ts';

export interface AppVariables extends SecureHeadersVariables {
  requestId: string;
  locale: Locale;
  t: Catalog;
}

export interface AppEnv {
  Variables: AppVariables;
}
