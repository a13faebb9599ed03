import type { DbTime } from './time.ts';

// Flood resistance's tables (migration 0025, docs/security.md "Flooding").
interface SpentChallengesTable {
  /** The challenge's random nonce. */
  id: string;
  /** After this the challenge is refused as expired anyway, and the row may go. */
  expires_at: DbTime;
}

interface FeatureSwitchesTable {
  /** A kill switch's name (domain/flood/switches.ts). */
  name: string;
  /** 0 off, 1 on; a feature without a row is on. */
  enabled: number;
  changed_at: DbTime;
}

export interface FloodTables {
  spent_challenges: SpentChallengesTable;
  feature_switches: FeatureSwitchesTable;
}
