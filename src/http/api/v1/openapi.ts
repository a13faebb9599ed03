/** The public API contract; tests check that every route listed here answers. */
const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      properties: {
        code: { type: 'string', example: 'names.invalid' },
        message: { type: 'string', description: 'Localized by Accept-Language (zh-Hans, zh-Hant, en).' },
        fields: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const credentials = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['registrationNumber', 'queryPassword'],
        properties: {
          registrationNumber: { type: 'string', example: '4929 1234 5678 9012', description: '16 digits; spaces and hyphens are ignored.' },
          queryPassword: { type: 'string', example: 'ABCD-EFGH-JKMN-PQRS-TVWX', description: 'Case and hyphens are ignored.' },
        },
      },
    },
  },
};

const receiptStatus = {
  description: 'The declaration behind a valid receipt.',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          registrationNumber: { type: 'string' },
          status: { type: 'string', enum: ['pending', 'published', 'rejected', 'retracted'] },
          rejectReason: { type: ['string', 'null'] },
          feedback: { type: ['string', 'null'] },
          submittedAt: { type: 'string', format: 'date-time' },
          statusChangedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Tuidang registry API',
    version: '1',
    description:
      'Declarations of quitting the Chinese Communist Party, the Communist Youth League and the Young Pioneers. No IP address or user agent is stored.',
  },
  paths: {
    '/api/v1/counter': {
      get: {
        summary: 'The live counter',
        description:
          'People in published declarations, less retracted ones and duplicates. Days are calendar days in timeZone; weeks start on Monday. Cached for one second; send If-None-Match with the ETag.',
        responses: {
          '200': {
            description: 'The counter.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    total: { type: 'integer' },
                    today: { type: 'integer' },
                    yesterday: { type: 'integer' },
                    thisWeek: { type: 'integer' },
                    thisMonth: { type: 'integer' },
                    lastUpdate: { type: 'string', format: 'date-time' },
                    organizations: {
                      type: 'object',
                      properties: { party: { type: 'integer' }, league: { type: 'integer' }, pioneers: { type: 'integer' } },
                    },
                    timeZone: { type: 'string', example: 'Asia/Shanghai' },
                  },
                },
              },
            },
          },
          '304': { description: 'Not modified since the ETag sent.' },
        },
      },
    },
    '/api/v1/stats/daily': {
      get: {
        summary: 'Open data: people per day',
        description: 'Every day in [from, to] (at most 10 years), zero-filled, in the counting time zone. CSV with format=csv or Accept: text/csv.',
        parameters: [
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        responses: {
          '200': { description: '{timeZone, from, to, days: [{day, declarations, people, party, league, pioneers}]}' },
          '400': errorResponse('A date is not YYYY-MM-DD.'),
          '422': errorResponse('The range is reversed or longer than 10 years.'),
        },
      },
    },
    '/api/v1/declarations': {
      get: {
        summary: 'Published declarations, newest first',
        description: 'Keyset-paged: pass the returned `next` as `cursor`. Filter by day, featured, or search (q with field alias|title|region; mode exact|prefix for aliases).',
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'day', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'featured', in: 'query', schema: { type: 'string', enum: ['1'] } },
          { name: 'q', in: 'query', schema: { type: 'string' } },
          { name: 'field', in: 'query', schema: { type: 'string', enum: ['alias', 'title', 'region'] } },
          { name: 'mode', in: 'query', schema: { type: 'string', enum: ['exact', 'prefix'] } },
        ],
        responses: { '200': { description: '{items: [...], next: string | null}' }, '400': errorResponse('Bad parameters.') },
      },
      post: {
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
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['names', 'orgs'],
                properties: {
                  names: {
                    oneOf: [
                      { type: 'string', description: 'Separated by 、 , or new lines.' },
                      { type: 'array', items: { type: 'string' }, maxItems: 50 },
                    ],
                  },
                  orgs: { type: 'array', items: { type: 'string', enum: ['party', 'league', 'pioneers'] }, minItems: 1 },
                  headcount: { type: 'integer', minimum: 1, maximum: 500, description: 'Defaults to the number of names.' },
                  title: { type: 'string', maxLength: 100 },
                  region: { type: 'string', maxLength: 50 },
                  statement: { type: 'string', maxLength: 5000 },
                  behalf: { type: 'string', enum: ['self', 'family', 'deceased'], default: 'self' },
                  consent: { type: 'boolean', description: 'Required when behalf is family.' },
                  contact: { type: 'string', format: 'email', description: 'Encrypted at rest; never published.' },
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
                  properties: {
                    registrationNumber: { type: 'string', pattern: '^[0-9]{16}$' },
                    queryPassword: { type: 'string', description: '100 bits, Crockford base32.' },
                    status: { type: 'string', enum: ['pending'] },
                  },
                },
              },
            },
          },
          '400': errorResponse('The body is not JSON or not an object, or the Idempotency-Key is unusable (idempotency.keyInvalid).'),
          '413': errorResponse('The body is larger than 1 MB.'),
          '415': errorResponse('The body is not application/json in UTF-8.'),
          '422': errorResponse('A field is invalid (see error.fields), or the Idempotency-Key was used with another body (idempotency.keyReused).'),
        },
      },
    },
    '/api/v1/declarations/{registrationNumber}': {
      get: {
        summary: 'A published declaration',
        parameters: [{ name: 'registrationNumber', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The published declaration.' },
          '404': errorResponse('Unknown, or not published.'),
        },
      },
    },
    '/api/v1/receipts/lookup': {
      post: {
        summary: 'Status of a declaration, by receipt',
        requestBody: credentials,
        responses: { '200': receiptStatus, '404': errorResponse('Wrong number or password.'), '422': errorResponse('Malformed.') },
      },
    },
    '/api/v1/receipts/retract': {
      post: {
        summary: 'Withdraw a declaration, by receipt',
        description: 'The withdrawal is recorded; nothing is deleted.',
        requestBody: credentials,
        responses: {
          '200': receiptStatus,
          '404': errorResponse('Wrong number or password.'),
          '409': errorResponse('Already withdrawn.'),
          '422': errorResponse('Malformed.'),
        },
      },
    },
  },
  components: { schemas: { Error: error } },
} as const;
