/** Just the parts of an OpenAPI 3 document the example generator reads. */
export interface SchemaObject {
  $ref?: string;
  allOf?: SchemaObject[];
  type?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, SchemaObject> };
}

/**
 * A date-time every command accepts on a case received just now by the test app, whose
 * clock stands still: the instant of its clock (not in the future, not before receipt).
 */
const SOME_INSTANT = '2026-11-23T10:00:00Z';
/** A Monday well after SOME_INSTANT: a working day a deadline may be moved to. */
const SOME_WORKING_DAY = '2030-01-07';

function resolve(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const found = document.components.schemas[name];
    if (!name || !found) throw new Error(`schema reference ${schema.$ref} names no schema`);
    return resolve(document, found);
  }
  if (schema.allOf) return resolve(document, schema.allOf[0]);
  return schema;
}

/**
 * The smallest value a schema describes as valid: required properties only, the first
 * enum value, the shortest string, the lowest number, the fewest items. If the validators
 * refuse it, the document and the validators disagree.
 */
export function minimalExample(document: OpenApiDocument, given: SchemaObject): unknown {
  return example(document, given, 'required');
}

/**
 * The same, with every property the schema describes, optional ones too: a wrong schema
 * for an optional property is caught as well.
 */
export function fullExample(document: OpenApiDocument, given: SchemaObject): unknown {
  return example(document, given, 'all');
}

function example(
  document: OpenApiDocument,
  given: SchemaObject,
  properties: 'required' | 'all',
): unknown {
  const schema = resolve(document, given);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') return SOME_INSTANT;
      if (schema.format === 'date') return SOME_WORKING_DAY;
      if (schema.format === 'email') return 'someone@example.org';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 0));
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return Array.from(
        { length: Math.max(schema.minItems ?? 0, properties === 'all' ? 1 : 0) },
        () => example(document, schema.items ?? {}, properties),
      );
    case 'object':
    case undefined:
      if (!schema.properties) throw new Error('a schema with neither type nor properties');
      return Object.fromEntries(
        (properties === 'all' ? Object.keys(schema.properties) : (schema.required ?? [])).map(
          (name) => [name, example(document, schema.properties![name], properties)],
        ),
      );
    default:
      throw new Error(`no example for type ${schema.type}`);
  }
}
