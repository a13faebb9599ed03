import { LIMITS, MAX_HEADCOUNT } from '../../../domain/declaration/declaration-input.ts';
import { MAX_NAMES } from '../../../domain/declaration/names.ts';
import { MOVEMENT_FIRST_DAY } from '../../../domain/counter/day-range.ts';
import { LOCALES } from '../../../i18n/index.ts';
import {
  DAY,
  MULTI_LINE,
  ORGANIZATION,
  REGISTRATION_NUMBER,
  SINGLE_LINE,
  componentSchemas,
  errorResponse,
  json,
  ref,
} from './openapi-schemas.ts';
import { logPaths } from './openapi-log.ts';
import { floodPaths, PROOF_HEADER_PARAMETER } from './openapi-flood.ts';

/**
 * The public contract, as strict as the server's own checks; a test drives
 * every operation through each answer documented here and checks that every
 * answer it gets is documented and matches its schema (openapi-contract.test.ts).
 */

const credentials = {
  required: true,
  content: json(ref('ReceiptCredentials')),
};

const receiptStatus = {
  description: 'The declaration behind a valid receipt.',
  content: json(ref('ReceiptStatus')),
};

const receiptErrors = {
  '400': errorResponse('The body is not JSON.'),
  '404': errorResponse('Wrong number or password (code receipt.invalid).'),
  '413': errorResponse('The body is larger than 1 MB.'),
  '415': errorResponse('The body is not application/json in UTF-8.'),
  '422': errorResponse('A credential is missing, not a string, or longer than 64 characters (code receipt.invalid).'),
} as const;

const notModified = { description: 'Not modified since the ETag sent in If-None-Match.' };

/** An Atom feed of the archive, one per language. */
const feed = (summary: string, operationId: string) => ({
  get: {
    operationId,
    summary,
    description: 'Atom 1.0 (RFC 4287), the 20 newest entries, in the language of the path (statements in its script).',
    security: [],
    parameters: [{ name: 'locale', in: 'path', required: true, schema: { type: 'string', enum: [...LOCALES] } }],
    responses: {
      '200': { description: 'The feed.', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
    },
  },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Tuidang registry API',
    version: '1',
    description:
      'Declarations of quitting the Chinese Communist Party, the Communist Youth League and the Young Pioneers. No IP address or user agent is stored. ' +
      'No operation takes an API key or a cookie. The reads (GET and HEAD: counter, legacy counter, open data, declarations, feeds, this document) ' +
      'answer any origin (Access-Control-Allow-Origin: *, with a preflight for GET and HEAD); submissions and receipts do not. ' +
      'Errors have one shape, localized by Accept-Language (zh-Hans, zh-Hant, en). A method a path does not serve gets 405 with an Allow header. ' +
      'Times (submittedAt, statusChangedAt, publishedAt, lastUpdate) are ISO-8601 instants in UTC. Dates (day, from, to, days[].day) are ' +
      'calendar days in the counting time zone, the timeZone of /api/v1/counter (Asia/Shanghai unless the operator set another), ' +
      'whose midnight starts a counting day: a declaration published at 2026-12-06T17:30:00Z counts on 2026-12-07 in Asia/Shanghai.',
  },
  paths: {
    '/api/v1/counter': {
      get: {
        operationId: 'getCounter',
        summary: 'The live counter',
        description:
          'People in published declarations, less retracted ones and duplicates. Days are calendar days in timeZone; weeks start on Monday. Cached for one second; send If-None-Match with the ETag.',
        security: [],
        responses: {
          '200': { description: 'The counter.', content: json(ref('Counter')) },
          '304': notModified,
        },
      },
    },
    '/stat/statics': {
      get: {
        operationId: 'getLegacyCounter',
        summary: 'The counter in the legacy XML that existing widgets and mirrors read',
        description:
          'LASTUPDATE is "YYYY-MM-DD HH:mm:ss" in the counting time zone. Cached for one second; send If-None-Match with the ETag.',
        security: [],
        responses: {
          '200': {
            description: 'The counter.',
            content: {
              'application/xml': {
                schema: {
                  type: 'object',
                  xml: { name: 'STATICS' },
                  required: ['TOTAL', 'TODAY', 'YESTERDAY', 'THISWEEK', 'THISMONTH', 'LASTUPDATE'],
                  properties: {
                    TOTAL: { type: 'integer', minimum: 0 },
                    TODAY: { type: 'integer', minimum: 0 },
                    YESTERDAY: { type: 'integer', minimum: 0 },
                    THISWEEK: { type: 'integer', minimum: 0 },
                    THISMONTH: { type: 'integer', minimum: 0 },
                    LASTUPDATE: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$' },
                  },
                },
              },
            },
          },
          '304': notModified,
        },
      },
    },
    '/api/v1/stats/daily': {
      get: {
        operationId: 'getDailyStats',
        summary: 'Open data: people per day',
        description:
          `Every day in [from, to], zero-filled, in the counting time zone. Any range from the first counted day (${MOVEMENT_FIRST_DAY}, or an older carried-over day) to today; ` +
          'by default the last 30 days. CSV with format=csv or Accept: text/csv.',
        security: [],
        parameters: [
          {
            name: 'from',
            in: 'query',
            description: `First day, in the counting time zone. Not before the first counted day (${MOVEMENT_FIRST_DAY} or older), not after today.`,
            schema: DAY,
          },
          { name: 'to', in: 'query', description: 'Last day, in the counting time zone. Not after today; not before from.', schema: DAY },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['', 'json', 'csv'] } },
        ],
        responses: {
          '200': {
            description: 'The days of the range, oldest first.',
            content: {
              ...json(ref('DailyStats')),
              'text/csv': {
                schema: { type: 'string', pattern: '^day,declarations,people,party,league,pioneers,inRegistry,carriedOver\\n' },
              },
            },
          },
          '400': errorResponse(
            'A date is not an existing YYYY-MM-DD (code request.dayInvalid), or the format is unknown (request.invalid).',
          ),
          '422': errorResponse(
            'A date is before the first counted day or after today, or to is before from; error.fields names the date allowed.',
          ),
        },
      },
    },
    '/api/v1/declarations': {
      get: {
        operationId: 'listDeclarations',
        summary: 'Published declarations, newest first',
        description:
          'Keyset-paged: pass the returned `next` as `cursor`. One list per call: the latest (no filter), one counting day (day), the daily selection (featured=1), ' +
          'or a search (q, with field alias|title|region; mode exact|prefix for aliases). day, featured=1 and q exclude each other (x-exclusive-parameters).',
        security: [],
        'x-exclusive-parameters': ['day', 'featured', 'q'],
        parameters: [
          {
            name: 'cursor',
            in: 'query',
            description: 'The `next` of the previous page; an unknown one gives the first page.',
            schema: { type: 'string' },
          },
          {
            name: 'day',
            in: 'query',
            description: 'A counting day: published between its midnights in the counting time zone.',
            schema: DAY,
          },
          { name: 'featured', in: 'query', schema: { type: 'string', enum: ['', '0', '1'] } },
          {
            name: 'q',
            in: 'query',
            description:
              `Search text. After folding (case, script, spaces; punctuation too for title and region) an alias is at most ${LIMITS.name} characters, ` +
              `a title query 2 to ${LIMITS.title}, a region query 2 to ${LIMITS.region}.`,
            schema: { type: 'string', maxLength: 200, pattern: SINGLE_LINE },
          },
          { name: 'field', in: 'query', schema: { type: 'string', enum: ['', 'alias', 'title', 'region'] } },
          { name: 'mode', in: 'query', schema: { type: 'string', enum: ['', 'exact', 'prefix'] } },
        ],
        responses: {
          '200': { description: 'A page of the list.', content: json(ref('DeclarationPage')) },
          '422': errorResponse(
            'A parameter is invalid, two lists are asked for at once, or the query cannot be searched; see error.fields.',
          ),
        },
      },
      post: {
        operationId: 'submitDeclaration',
        summary: 'Submit a declaration',
        description: 'Answers only after the declaration is durably committed. The receipt is shown once.',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'draft-ietf-httpapi-idempotency-key-header: a UUID or other random value, 16 to 255 visible ASCII characters, quoted or bare. ' +
              'The same key with the same body within 24 hours returns the first 201 and files nothing; with another body, 422.',
            schema: { type: 'string', minLength: 16, maxLength: 257 },
          },
          PROOF_HEADER_PARAMETER,
        ],
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['names', 'orgs'],
                // On behalf of family, only with their consent.
                if: { required: ['behalf'], properties: { behalf: { const: 'family' } } },
                // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable.
                then: { required: ['consent'], properties: { consent: { const: true } } },
                properties: {
                  names: {
                    description: `At most ${MAX_NAMES} names: Han aliases of 2 to 12 characters (a middle dot · may join two parts), or Latin names of 2 to ${LIMITS.name} letters.`,
                    oneOf: [
                      {
                        type: 'string',
                        minLength: 2,
                        maxLength: MAX_NAMES * (LIMITS.name + 2),
                        pattern: MULTI_LINE,
                        description: 'Separated by 、 , ， ; ； or new lines.',
                      },
                      {
                        type: 'array',
                        items: { type: 'string', minLength: 2, maxLength: LIMITS.name, pattern: SINGLE_LINE },
                        minItems: 1,
                        maxItems: MAX_NAMES,
                      },
                    ],
                  },
                  orgs: {
                    type: 'array',
                    items: ORGANIZATION,
                    minItems: 1,
                    description: 'Each organisation quit; a repeated one counts once.',
                  },
                  headcount: {
                    type: 'integer',
                    minimum: 1,
                    maximum: MAX_HEADCOUNT,
                    description: 'At least the number of names; defaults to it.',
                  },
                  title: { type: 'string', maxLength: LIMITS.title, pattern: SINGLE_LINE },
                  region: { type: 'string', maxLength: LIMITS.region, pattern: SINGLE_LINE },
                  statement: { type: 'string', maxLength: LIMITS.statement, pattern: MULTI_LINE },
                  behalf: { type: 'string', enum: ['self', 'family', 'deceased'], default: 'self' },
                  consent: { type: 'boolean', description: 'Required (true) when behalf is family.' },
                  contact: {
                    type: 'string',
                    format: 'email',
                    maxLength: LIMITS.contact,
                    description: 'Encrypted at rest; never published.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Stored, pending review.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['registrationNumber', 'queryPassword', 'status'],
                  properties: {
                    registrationNumber: REGISTRATION_NUMBER,
                    queryPassword: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{20}$', description: '100 bits, Crockford base32.' },
                    status: { type: 'string', enum: ['pending'] },
                  },
                },
              },
            },
          },
          '400': errorResponse('The body is not JSON or not an object, or the Idempotency-Key is unusable (idempotency.keyInvalid).'),
          '413': errorResponse('The body is larger than 1 MB.'),
          '415': errorResponse('The body is not application/json in UTF-8.'),
          '422': errorResponse(
            'A field is invalid (see error.fields), or the Idempotency-Key was used with another body (idempotency.keyReused).',
          ),
        },
      },
    },
    '/api/v1/declarations/{registrationNumber}': {
      get: {
        operationId: 'getDeclaration',
        summary: 'A published declaration',
        security: [],
        parameters: [
          {
            name: 'registrationNumber',
            in: 'path',
            required: true,
            description: '16 digits; spaces and hyphens between them are ignored.',
            schema: { type: 'string', pattern: '^[0-9 -]+$' },
          },
        ],
        responses: {
          '200': { description: 'The published declaration.', content: json(ref('Declaration')) },
          '404': errorResponse('Unknown, or not published.'),
        },
      },
    },
    '/api/v1/receipts/lookup': {
      post: {
        operationId: 'lookUpReceipt',
        summary: 'Status of a declaration, by receipt',
        security: [],
        requestBody: credentials,
        responses: { '200': receiptStatus, ...receiptErrors },
      },
    },
    '/api/v1/receipts/retract': {
      post: {
        operationId: 'retractDeclaration',
        summary: 'Withdraw a declaration, by receipt',
        description: 'The withdrawal is recorded; nothing is deleted.',
        security: [],
        requestBody: credentials,
        responses: {
          '200': receiptStatus,
          ...receiptErrors,
          '409': errorResponse('Already withdrawn (code receipt.alreadyRetracted).'),
        },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'OpenAPI 3.1.', content: json({ type: 'object', required: ['openapi', 'paths'] }) } },
      },
    },
    ...logPaths,
    ...floodPaths,
    '/{locale}/feeds/latest.atom': feed('The latest published declarations, as an Atom feed', 'getLatestFeed'),
    '/{locale}/feeds/featured.atom': feed('The daily selection, as an Atom feed', 'getFeaturedFeed'),
  },
  components: { schemas: componentSchemas },
} as const;
