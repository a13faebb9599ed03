import type { ErrorCode } from '../i18n/index.ts';

/** Expected failures are values the caller must handle; thrown errors are bugs or outages. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorCode };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: ErrorCode): Result<T> => ({ ok: false, error });
