import { FIRST_NAMES, LAST_NAMES, LOCALITIES, STREET_NAMES } from "./sandbox/au-data.js";

type Schema = Record<string, unknown>;
type Document = { components?: { schemas?: Record<string, Schema> } };

/**
 * Mock-only realism for dynamic mode, applied in memory to a copy of the parsed spec (the published
 * spec stays open): closed objects, name-like strings from word lists, digit strings of the right
 * shape and small counts. Every overlaid schema is narrower than the published one, so what Prism
 * generates from it also validates against the published spec.
 *
 * Word lists use `enum` and `pattern`, which json-schema-faker draws with Prism's seeded random
 * source, so `seed` makes the data repeat.
 */
export function applyDynamicOverlay<T extends object>(spec: T): T {
  const copy = structuredClone(spec) as T & Document;
  const schemas = copy.components?.schemas;
  if (!schemas) throw new Error("The OpenAPI document has no components.schemas to overlay.");
  const patch = (name: string, apply: (schema: Schema) => void) => {
    const schema = schemas[name];
    if (!schema) throw new Error(`The OpenAPI document has no schema ${name} for the dynamic overlay.`);
    apply(schema);
  };
  const properties = (schema: Schema) => schema["properties"] as Record<string, Schema>;
  const stringFrom = (values: readonly string[]): Schema => ({ type: "string", enum: [...values] });
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");
  const firsts = `(${FIRST_NAMES.map(slug).join("|")})`;
  const lasts = `(${LAST_NAMES.map(slug).join("|")})`;

  patch("Customers", (schema) => {
    schema["additionalProperties"] = false;
    const props = properties(schema);
    props["found"] = { ...props["found"], minimum: 0, maximum: 500 };
    props["displaying"] = { ...props["displaying"], minimum: 0, maximum: 5 };
    props["customers"] = { ...props["customers"], minItems: 1, maxItems: 5 };
  });
  patch("Customer", (schema) => {
    schema["additionalProperties"] = false;
    const props = properties(schema);
    props["firstName"] = stringFrom(FIRST_NAMES);
    props["lastName"] = stringFrom(LAST_NAMES);
    props["lastModifiedDate"] = { $ref: "#/components/schemas/StringUnixDate" };
    props["email"] = { type: "string", pattern: `^${firsts}\\.${lasts}@example\\.com\\.au$` };
    props["phone"] = { type: "string", pattern: "^61-[2378]-[0-9]{4}-[0-9]{4}$", maxLength: 15 };
    props["addressLine1"] = { type: "string", pattern: `^[1-9][0-9]? (${STREET_NAMES.join("|")}) (Street|Road|Avenue)$` };
    props["city"] = stringFrom(LOCALITIES.map((l) => l.city));
    props["state"] = stringFrom(["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"]);
    props["postalCode"] = { type: "string", pattern: "^[2-7][0-9]{3}$" };
    props["country"] = stringFrom(["AU"]);
  });
  patch("CustomerId", (schema) => Object.assign(schema, { pattern: "^10050[0-9]{5}$" }));
  patch("CustomerUsername", (schema) => Object.assign(schema, { pattern: `^${firsts}[._-]${lasts}[0-9]{2,3}$`, minLength: 6 }));
  patch("StringUnixDate", (schema) => Object.assign(schema, { pattern: "^1[67][0-9]{8}$" }));
  patch("ErrorMessage", (schema) => {
    schema["additionalProperties"] = false;
    schema["properties"] = {
      code: stringFrom(["10022", "10023", "10024", "10026", "14016", "41003", "41004", "14020", "14003"]),
      message: { type: "string", enum: ["Invalid token", "Invalid customer type.", "Bad request", "Service Unavailable"] },
    };
  });
  patch("AccessToken", (schema) => {
    schema["additionalProperties"] = false;
    properties(schema)["token"] = { type: "string", pattern: "^[A-Za-z0-9]{20}$" };
  });
  return copy;
}
