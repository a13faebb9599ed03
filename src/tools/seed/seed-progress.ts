/**
 * What a seed is doing, in order: inserting posts, building the declarations'
 * indexes (SQLite, into an empty registry), writing the counters, filling the
 * search index. Each phase reports when it starts (done 0) and as it goes.
 */
export type SeedPhase = 'posts' | 'indexes' | 'counters' | 'search';

export interface SeedProgress {
  phase: SeedPhase;
  done: number;
  total: number;
}
