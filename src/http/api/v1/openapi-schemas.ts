/** Shared pieces of the OpenAPI document (openapi.ts): field patterns and the component schemas. */

// The text rules of safe-text.ts as patterns: no C0/C1 controls (line breaks only
// where text may have several lines), no direction overrides, no U+FFFD, none of the invisible
// characters of the plane the pattern can name. (Tag characters, a loose zero-width joiner and five
// marks on one letter are refused too; a pattern without the u flag cannot say so.)
const INVISIBLE = '\\u00AD\\u034F\\u115F\\u1160\\u180E\\u200B\\u200C\\u2060-\\u2064\\u2800\\u3164\\uFEFF\\uFFA0';
export const SINGLE_LINE = `^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C\\uFFFD${INVISIBLE}]*$`;
export const MULTI_LINE = `^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C\\uFFFD${INVISIBLE}]*$`;
export const DAY = { type: 'string', format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', example: '2025-06-14' } as const;
export const REGISTRATION_NUMBER = { type: 'string', pattern: '^[0-9]{16}$', example: '4929123456789012' } as const;
export const ORGANIZATION = { type: 'string', enum: ['party', 'league', 'pioneers'] } as const;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: object) => ({ 'application/json': { schema } });
export const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

/** The component schemas, named by `ref`. */
export const componentSchemas = {
  Error: {
    type: 'object',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message', 'fields'],
        properties: {
          code: { type: 'string', pattern: '^[a-z]+\\.[a-zA-Z]+$', example: 'names.invalid' },
          message: { type: 'string', description: 'Localized by Accept-Language (zh-Hans, zh-Hant, en).' },
          fields: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'message'],
              properties: { code: { type: 'string', pattern: '^[a-z]+\\.[a-zA-Z]+$' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  Counter: {
    type: 'object',
    additionalProperties: false,
    required: [
      'total',
      'inRegistry',
      'carriedOver',
      'today',
      'yesterday',
      'thisWeek',
      'thisMonth',
      'lastUpdate',
      'organizations',
      'timeZone',
      'log',
    ],
    properties: {
      total: { type: 'integer', minimum: 0, description: 'inRegistry + carriedOver.' },
      inRegistry: { type: 'integer', minimum: 0, description: 'People in the published statements held in this registry.' },
      carriedOver: {
        type: 'integer',
        minimum: 0,
        description:
          "People carried over from the previous registry's published day totals, for the days whose statements are not held here.",
      },
      today: { type: 'integer', minimum: 0 },
      yesterday: { type: 'integer', minimum: 0 },
      thisWeek: { type: 'integer', minimum: 0 },
      thisMonth: { type: 'integer', minimum: 0 },
      lastUpdate: { type: 'string', format: 'date-time' },
      organizations: {
        type: 'object',
        additionalProperties: false,
        required: ['party', 'league', 'pioneers'],
        properties: {
          party: { type: 'integer', minimum: 0 },
          league: { type: 'integer', minimum: 0 },
          pioneers: { type: 'integer', minimum: 0 },
        },
      },
      timeZone: { type: 'string', example: 'Asia/Shanghai' },
      log: {
        type: 'object',
        additionalProperties: false,
        required: ['size', 'root', 'pending'],
        description:
          'The transparency log (/log/checkpoint): the size and root of its latest checkpoint, and how many published changes it has yet to take. ' +
          'When pending is 0, total is the total that `tuidang log verify` computes from that checkpoint.',
        properties: {
          size: { type: 'integer', minimum: 0 },
          root: { type: 'string', description: 'base64 SHA-256, as in the checkpoint' },
          pending: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
  DailyStats: {
    type: 'object',
    additionalProperties: false,
    required: ['timeZone', 'from', 'to', 'days'],
    properties: {
      timeZone: { type: 'string' },
      from: DAY,
      to: DAY,
      days: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['day', 'declarations', 'people', 'party', 'league', 'pioneers', 'inRegistry', 'carriedOver'],
          properties: {
            day: DAY,
            declarations: { type: 'integer', minimum: 0, description: 'Statements held here.' },
            people: { type: 'integer', minimum: 0, description: 'inRegistry + carriedOver.' },
            inRegistry: { type: 'integer', minimum: 0 },
            carriedOver: { type: 'integer', minimum: 0 },
            party: { type: 'integer', minimum: 0 },
            league: { type: 'integer', minimum: 0 },
            pioneers: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  },
  Declaration: {
    type: 'object',
    additionalProperties: false,
    required: [
      'registrationNumber',
      'title',
      'titleIsDefault',
      'names',
      'headcount',
      'orgs',
      'region',
      'statement',
      'behalf',
      'publishedAt',
    ],
    properties: {
      registrationNumber: REGISTRATION_NUMBER,
      title: {
        type: 'string',
        description: "The declarant's title; if they wrote none, a default naming the organisations, in the language of Accept-Language.",
      },
      titleIsDefault: { type: 'boolean', description: 'True when the declarant wrote no title and `title` is the default.' },
      names: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      headcount: { type: 'integer', minimum: 1 },
      orgs: { type: 'array', minItems: 1, maxItems: 3, items: ORGANIZATION },
      region: { type: ['string', 'null'] },
      statement: { type: ['string', 'null'] },
      behalf: { type: 'string', enum: ['self', 'family', 'deceased'] },
      publishedAt: { type: 'string', format: 'date-time' },
    },
  },
  DeclarationPage: {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'next'],
    properties: {
      items: { type: 'array', maxItems: 50, items: ref('Declaration') },
      next: { type: ['string', 'null'], description: 'The cursor of the next (older) page; null on the last.' },
    },
  },
  ReceiptCredentials: {
    type: 'object',
    required: ['registrationNumber', 'queryPassword'],
    properties: {
      registrationNumber: {
        type: 'string',
        maxLength: 64,
        example: '4929 1234 5678 9012',
        description: '16 digits; spaces and hyphens are ignored.',
      },
      queryPassword: { type: 'string', maxLength: 64, example: 'ABCD-EFGH-JKMN-PQRS-TVWX', description: 'Case and hyphens are ignored.' },
    },
  },
  ReceiptStatus: {
    type: 'object',
    additionalProperties: false,
    required: ['registrationNumber', 'status', 'rejectReason', 'feedback', 'submittedAt', 'statusChangedAt'],
    properties: {
      registrationNumber: REGISTRATION_NUMBER,
      status: { type: 'string', enum: ['pending', 'published', 'rejected', 'retracted'] },
      rejectReason: {
        type: ['string', 'null'],
        description: 'A managed reason in the language of Accept-Language; a reason the editor wrote, as written.',
      },
      feedback: { type: ['string', 'null'] },
      submittedAt: { type: 'string', format: 'date-time' },
      statusChangedAt: { type: 'string', format: 'date-time' },
    },
  },
} as const;
