/**
 * A validator for the part of JSON Schema (2020-12, as OpenAPI 3.1 uses it)
 * that the API's document uses: $ref, type (with null), enum, pattern, lengths
 * in code points, numeric bounds, items, properties, required,
 * additionalProperties, oneOf, if/then, const and the date, date-time and email formats.
 * Anything else in a schema is an error here, so the document cannot quietly
 * use a keyword that nothing checks.
 */
export type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$ref',
  'type',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'additionalProperties',
  'oneOf',
  'if',
  'then',
  'const',
  'format',
  'description',
  'example',
  'default',
  'xml',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  'date-time': (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
};

export function validate(root: Schema, schema: Schema, value: unknown, path = '$'): string[] {
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) return [`${path}: unsupported keyword ${keyword}`];
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root);
    return validate(root, target as Schema, value, path);
  }
  const errors: string[] = [];
  const type = typeOf(value);
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.includes(type) && !(type === 'integer' && types.includes('number'))) return [`${path}: ${type} is not ${types.join('|')}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (schema.if && schema.then && validate(root, schema.if as Schema, value, path).length === 0)
    errors.push(...validate(root, schema.then as Schema, value, path));
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((option) => validate(root, option, value, path).length === 0).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: does not match ${schema.pattern}`);
    if (typeof schema.format === 'string' && !FORMATS[schema.format]?.(value)) errors.push(`${path}: not a ${schema.format}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) {
      for (const [index, item] of value.entries()) errors.push(...validate(root, schema.items as Schema, item, `${path}[${index}]`));
    }
  }
  if (type === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${path}: ${name} is required`);
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) errors.push(...validate(root, properties[name], item, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: ${name} is not allowed`);
      else if (typeof schema.additionalProperties === 'object')
        errors.push(...validate(root, schema.additionalProperties as Schema, item, `${path}.${name}`));
    }
  }
  return errors;
}
