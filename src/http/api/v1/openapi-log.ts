import { errorResponse, json, REGISTRATION_NUMBER } from './openapi-schemas.ts';

// The transparency log's proofs in the public contract (docs/transparency.md). The log's own files,
// /log/checkpoint and /log/tile/…, follow C2SP tlog-checkpoint and tlog-tiles and are not JSON.

const BASE64_HASH = { type: 'string', pattern: '^[A-Za-z0-9+/]{43}=$' } as const;
const PROOF = { type: 'array', items: BASE64_HASH, description: 'RFC 6962 audit path, bottom first, base64 hashes.' } as const;
const LEAF = {
  type: 'object',
  additionalProperties: false,
  required: ['leafIndex', 'entry', 'inclusionProof'],
  properties: {
    leafIndex: { type: 'integer', minimum: 0 },
    entry: { type: 'string', description: 'The entry in its canonical encoding, base64.' },
    inclusionProof: PROOF,
  },
} as const;

const LOG_PROOF = {
  type: 'object',
  additionalProperties: false,
  required: ['registrationNumber', 'leafIndex', 'salt', 'record', 'entry', 'inclusionProof', 'checkpoint', 'withdrawn'],
  properties: {
    registrationNumber: REGISTRATION_NUMBER,
    ...LEAF.properties,
    salt: {
      type: ['string', 'null'],
      pattern: '^[0-9a-f]{64}$',
      description: 'The 256-bit salt of the commitment, hex; null once the declarant retracted the statement.',
    },
    record: {
      type: ['string', 'null'],
      description: 'The canonical public record: SHA-256("tuidang log commitment v1\\n" ‖ salt ‖ record) is the commitment in the entry.',
    },
    checkpoint: {
      type: 'object',
      additionalProperties: false,
      required: ['size', 'root', 'note'],
      properties: {
        size: { type: 'integer', minimum: 1 },
        root: BASE64_HASH,
        note: { type: 'string', description: 'The signed checkpoint (C2SP tlog-checkpoint), as /log/checkpoint served it.' },
      },
    },
    withdrawn: { oneOf: [{ type: 'null' }, LEAF], description: 'The entry that took the statement out of the count, if any.' },
  },
} as const;

export const logPaths = {
  '/api/v1/declarations/{registrationNumber}/proof': {
    get: {
      operationId: 'getDeclarationProof',
      summary: "A statement's leaf in the transparency log, with its salt and inclusion proof",
      description: 'Against the latest checkpoint. See /{locale}/transparency for how to check it.',
      security: [],
      parameters: [
        {
          name: 'registrationNumber',
          in: 'path',
          required: true,
          description: '16 digits; spaces and hyphens between them are ignored.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': { description: 'The proof.', content: json(LOG_PROOF) },
        '404': errorResponse(
          'Not a registration number (code request.notFound); unknown, never published, or not yet in the log (code log.notLogged).',
        ),
      },
    },
  },
  '/api/v1/log/consistency': {
    get: {
      operationId: 'getLogConsistency',
      summary: 'A consistency proof between two sizes of the transparency log',
      security: [],
      parameters: [
        { name: 'from', in: 'query', required: true, schema: { type: 'integer', minimum: 0 } },
        { name: 'to', in: 'query', required: true, schema: { type: 'integer', minimum: 0 } },
      ],
      responses: {
        '200': {
          description: 'RFC 6962 consistency proof from the tree of `from` leaves to the tree of `to`.',
          content: json({
            type: 'object',
            additionalProperties: false,
            required: ['from', 'to', 'proof'],
            properties: { from: { type: 'integer' }, to: { type: 'integer' }, proof: PROOF },
          }),
        },
        '400': errorResponse('Not two sizes with 0 ≤ from ≤ to ≤ the latest checkpoint (code log.rangeInvalid).'),
      },
    },
  },
} as const;
