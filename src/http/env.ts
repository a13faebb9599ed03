import type { Catalog, Locale } from '../i18n/index.ts';
import type { SignedInSession } from '../services/staff-auth-service.ts';

interface AppVariables {
  requestId: string;
  /** Set on /console requests: allows the console's own style and script. */
  cspNonce?: string;
  locale: Locale;
  t: Catalog;
  /** Set on /console requests that carry a live staff session. */
  staffSession?: SignedInSession;
}

export interface AppEnv {
  Variables: AppVariables;
}

/** A console request that passed its route's guard: the session is there. */
export interface SignedInEnv {
  Variables: AppVariables & { staffSession: SignedInSession };
}
