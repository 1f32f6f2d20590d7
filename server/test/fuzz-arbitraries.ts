import fc from 'fast-check';

/**
 * Request values for the API fuzz test (fuzz.test.ts), generated from the OpenAPI document's
 * JSON schemas: mostly values the schema allows (so requests get past validation and into the
 * services and the database), mixed with hostile ones at any depth.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
};

const deep = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`);

/** What an attacker or a broken client sends instead of a well-formed value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  // Unstorable text, the cause of the 500s this test was written against, weighs most.
  { weight: 3, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', 'x\ud800', '\udfff', 'Nguy\u1ec5n\u0000') },
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    'x\ud800',
    '\udfff',
    '',
    ' ',
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '../../etc/passwd',
    "'; drop table users; --",
    '<script>alert(1)</script>',
    '%00',
    '\u202e',
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    0.5,
    [],
    {},
  ),
  fc.constant(JSON.parse('{"__proto__":{"role":"admin"},"constructor":{"prototype":{"polluted":true}}}') as unknown),
  fc.constant('x'.repeat(100_000)),
  fc.constant('đ'.repeat(20_000)),
  fc.constant(deep(40)),
  fc.constant(Array.from({ length: 5_000 }, (_, i) => i)),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

export class SchemaArbitraries {
  constructor(
    private readonly components: Record<string, JsonSchema>,
    /** Real ids of the fixture, so generated requests reach existing rows too. */
    readonly knownIds: string[],
  ) {}

  /** Mostly valid for `schema`, sometimes hostile (about one value in eight). */
  value(schema: JsonSchema): fc.Arbitrary<unknown> {
    return fc.oneof({ weight: 7, arbitrary: this.valid(schema) }, { weight: 1, arbitrary: hostileValue });
  }

  /**
   * A value the schema allows with exactly one leaf (or one added key) replaced by a hostile
   * value: the rest of the request stays valid, so the hostile part reaches whatever the
   * valid part would reach, down to the database.
   */
  mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
    return fc.tuple(this.valid(schema), hostileValue, fc.nat(), fc.boolean()).map(([value, bad, at, asNewKey]) => replaceOne(value, bad, at, asNewKey));
  }

  valid(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    if (depth > 8) return fc.constant(null);
    if (schema.$ref) return this.valid(this.components[schema.$ref.split('/').pop() as string] ?? {}, depth + 1);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((s) => this.valid(s, depth + 1)));
    if (schema.allOf?.[0]) return this.valid(schema.allOf[0], depth + 1);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'object': {
        const props = schema.properties ?? {};
        const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, this.valid(s, depth + 1)]));
        return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
      }
      case 'array':
        return fc.array(this.valid(schema.items ?? {}, depth + 1), { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 3, 3) });
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: JsonSchema): fc.Arbitrary<string> {
    if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...this.knownIds), fc.uuid());
    if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    const max = Math.min(schema.maxLength ?? 40, 40);
    if (schema.pattern) {
      try {
        return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }).map((s) => s.slice(0, Math.max(max, 1)));
      } catch {
        // A pattern fast-check cannot invert: plain strings below.
      }
    }
    return fc.string({ minLength: Math.min(schema.minLength ?? 0, max), maxLength: max });
  }
}

/** How many leaves (and object slots for a new key) `replaceOne` can choose from. */
export function slotCount(value: unknown): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    if (!Array.isArray(v)) n++;
    for (const child of Object.values(v)) {
      if (child && typeof child === 'object') walk(child);
      else n++;
    }
  };
  walk(value);
  return n;
}

/** `value` with its `at`-th leaf (counted depth-first, modulo their number) replaced by `bad`, or `bad` added as a new key there. */
export function replaceOne(value: unknown, bad: unknown, at: number, asNewKey: boolean): unknown {
  const copy = structuredClone(value);
  const slots: [Record<string | number, unknown>, string | number][] = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    const container = v as Record<string | number, unknown>;
    if (asNewKey && !Array.isArray(v)) slots.push([container, 'x\u0000extra']);
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (child && typeof child === 'object') walk(child);
      else slots.push([container, Array.isArray(v) ? Number(key) : key]);
    }
  };
  walk(copy);
  const slot = slots[at % Math.max(slots.length, 1)];
  if (!slot) return bad;
  slot[0][slot[1]] = bad;
  return copy;
}
