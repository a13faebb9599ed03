import { json } from './openapi-schemas.ts';

// Proof of work and the counts per admission class in the public contract (docs/security.md, "Flooding").

const HEX = { type: 'string', pattern: '^[0-9a-f]+$' } as const;

const CHALLENGE = {
  type: 'object',
  required: ['parameters', 'signature'],
  properties: {
    parameters: {
      type: 'object',
      required: ['algorithm', 'nonce', 'salt', 'cost', 'keyLength', 'keyPrefix', 'data'],
      properties: {
        algorithm: { type: 'string', enum: ['SHA-256'] },
        nonce: HEX,
        salt: HEX,
        cost: { type: 'integer', enum: [1] },
        keyLength: { type: 'integer' },
        keyPrefix: HEX,
        data: {
          type: 'object',
          required: ['exp', 'max'],
          properties: {
            exp: { type: 'integer', description: 'Expiry, seconds since 1970.' },
            max: { type: 'integer', description: 'The counter is below this: the work is max / 2 hashes on average.' },
          },
        },
      },
    },
    signature: HEX,
  },
} as const;

const CLASSES = ['public', 'unproven', 'volunteer', 'trusted', 'imported'] as const;

export const floodPaths = {
  '/api/v1/challenge': {
    get: {
      operationId: 'getChallenge',
      summary: 'A proof-of-work challenge',
      description:
        'altcha v2, SHA-256 (altcha-lib): find the counter (uint32, big-endian) for which SHA-256(salt, nonce, counter) starts with keyPrefix, ' +
        'then send base64 of {"challenge": <this challenge>, "solution": {"counter": n, "derivedKey": "<hex>"}} in the Altcha header of ' +
        'POST /api/v1/declarations. Each challenge admits one submission, on any server. Difficulty rises with load.',
      security: [],
      responses: {
        '200': {
          description: 'The challenge, and the same as base64 JSON (as the form carries it).',
          content: json({
            type: 'object',
            additionalProperties: false,
            required: ['challenge', 'encoded'],
            properties: { challenge: CHALLENGE, encoded: { type: 'string' } },
          }),
        },
      },
    },
  },
  '/api/v1/stats/admission': {
    get: {
      operationId: 'getAdmissionStats',
      summary: 'Published declarations and people per admission class',
      description: 'Counted as the public total is (published, not duplicates); up to five minutes behind.',
      security: [],
      responses: {
        '200': {
          description: 'Every class, in a fixed order.',
          content: json({
            type: 'object',
            additionalProperties: false,
            required: ['classes'],
            properties: {
              classes: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['admission', 'statements', 'people'],
                  properties: {
                    admission: { type: 'string', enum: CLASSES },
                    statements: { type: 'integer', minimum: 0 },
                    people: { type: 'integer', minimum: 0 },
                  },
                },
              },
            },
          }),
        },
      },
    },
  },
} as const;

/** The header POST /api/v1/declarations takes a solved challenge in. */
export const PROOF_HEADER_PARAMETER = {
  name: 'Altcha',
  in: 'header',
  required: false,
  description:
    'A solved challenge from GET /api/v1/challenge (base64 JSON of challenge and solution). With it the declaration enters the public class; ' +
    'without it, or with one invalid, expired or already used, the lower class (unproven), which has stricter limits per address (429 with Retry-After over them).',
  schema: { type: 'string', maxLength: 4096 },
} as const;
