/**
 * The lower admission class's limits lifted, for tests (and benchmarks) of other features: they send
 * hundreds of submissions without a proof of work from one address, which production would hold to
 * TUIDANG_UNPROVEN_PER_ADDRESS. The tests of the limits themselves set them (test/http/flood/).
 */
export const LIFTED_FLOOD_LIMITS: Readonly<Record<string, string>> = {
  TUIDANG_UNPROVEN_PER_ADDRESS: '999999999',
  TUIDANG_UNPROVEN_TOTAL: '999999999',
  TUIDANG_RECEIPT_CHECKS_PER_ADDRESS: '999999999',
};
