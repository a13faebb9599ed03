import type { MiddlewareHandler } from 'hono';
import type { DeclarationService } from '../../../services/declaration-service.ts';
import { clientAddress } from '../../client-address.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';

/**
 * Receipt checks (the page's and the API's, lookups and retractions) within one allowance per
 * address, keyed as the submission limits are (docs/security.md, "Receipts"): guessing is hopeless
 * against 100-bit passwords anyway, but nothing should let a client try without bound. Over it: 429,
 * Retry-After, and the localized message (the API's JSON under /api/).
 */
export function receiptLimit(declarations: DeclarationService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const allowed = declarations.mayCheckReceipt(clientAddress(c));
    if (allowed.ok) return next();
    c.header('Retry-After', String(allowed.retryAfterSeconds));
    return respondError(c, 429, 'receipt.rateLimited', { minutes: Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60)) });
  };
}
