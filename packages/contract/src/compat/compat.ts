import { deref, isObject, type Json } from "../verify/spec.js";
import { LENGTH_BOUNDS, type JsonType, type OperationUsage, type ParameterUsage, type RequestShape, type UsageProfile } from "./usage-profile.js";

/** One way the spec no longer fits how the profile called the API. */
export interface CompatFinding {
  /** `GetCustomers GET /aggregation/v1/customers`. */
  operation: string;
  /** The request shape (`limit=integer 1000..1000, type=enum active`) or the response (`status 200`). */
  shape: string;
  /** The parameter, header or response field at fault (`limit`, `customers[].id`), when there is one. */
  subject?: string;
  /** Why, in words: `1000 is above the spec's maximum 500`. */
  reason: string;
}

export interface CompatResult {
  /** Request shapes checked (those answered 2xx) and responses checked (relied-on statuses). */
  shapesChecked: number;
  responsesChecked: number;
  /** Request shapes answered 400 that were checked for still being refused by the spec. */
  refusalsChecked: number;
  /** Breaking: the spec no longer accepts a call that was answered 2xx, or no longer describes a response relied on. */
  findings: CompatFinding[];
  /** Not breaking: calls answered 400 whose every recorded value the spec now accepts (code that expects them to fail may see them succeed). */
  warnings: CompatFinding[];
}

/**
 * Checks every recorded request shape and relied-on response against an OpenAPI document. A request shape
 * answered 2xx (calls the API accepted, what a partner relies on) is a finding when the spec would no longer
 * accept it (a parameter gone, a value out of the new range, an enum value removed, a parameter or credential
 * newly required). A shape answered 400 is a warning when the spec no longer refuses any of its values: the
 * profile does not record bodies, so a 400 with nothing in its query the spec could refuse is not checked.
 * Other statuses (401, faults, dropped connections) say nothing about the parameters and are not checked.
 * A response counts when its status was seen; it fails when a 2xx status is no longer declared, or when a field
 * the sampled bodies had is gone or changed type.
 */
export function checkCompat(profile: UsageProfile, document: Json): CompatResult {
  const findings: CompatFinding[] = [];
  const warnings: CompatFinding[] = [];
  let shapesChecked = 0;
  let responsesChecked = 0;
  let refusalsChecked = 0;
  for (const [operationId, usage] of Object.entries(profile.operations)) {
    const label = `${operationId} ${usage.method} ${usage.path}`;
    const operation = findOperation(document, usage);
    if (operation === undefined) {
      findings.push({ operation: label, shape: "every call", reason: `the spec no longer has ${usage.method} ${usage.path}` });
      continue;
    }
    for (const shape of usage.shapes) {
      if (shape.status.startsWith("2")) {
        shapesChecked++;
        for (const problem of checkShape(document, operation, usage, shape)) findings.push({ operation: label, shape: describeShape(shape), ...problem });
      } else if (shape.status === "400" && Object.keys(shape.parameters).length > 0) {
        refusalsChecked++;
        if (checkShape(document, operation, usage, shape).length === 0 && !hasEmptyNonText(document, operation, shape)) {
          warnings.push({ operation: label, shape: describeShape(shape), reason: "answered 400, but the spec now accepts every value these calls sent: a call expected to fail may succeed" });
        }
      }
    }
    for (const [status, response] of Object.entries(usage.responses)) {
      if (status === "0") continue;
      responsesChecked++;
      const declared = declaredResponse(document, operation.operation, status);
      if (declared === undefined) {
        if (status.startsWith("2")) findings.push({ operation: label, shape: `status ${status}`, reason: `status ${status} is no longer declared` });
        continue;
      }
      const schema = responseSchema(document, declared, response.contentType);
      if (schema === undefined) {
        if (status.startsWith("2") && response.contentType !== "") {
          findings.push({ operation: label, shape: `status ${status}`, reason: `the ${status} answer no longer has a ${response.contentType} body` });
        }
        continue;
      }
      for (const [path, types] of Object.entries(response.fields)) {
        const problem = checkField(document, schema, path, types);
        if (problem !== undefined) findings.push({ operation: label, shape: `status ${status}`, subject: path, reason: problem });
      }
    }
  }
  return { shapesChecked, responsesChecked, refusalsChecked, findings, warnings };
}

interface FoundOperation {
  operation: Json;
  parameters: Map<string, Json>;
}

function findOperation(document: Json, usage: OperationUsage): FoundOperation | undefined {
  const pathItem = deref(document, isObject(document.paths) ? document.paths[usage.path] : undefined);
  if (!isObject(pathItem)) return undefined;
  const operation = pathItem[usage.method.toLowerCase()];
  if (!isObject(operation)) return undefined;
  const parameters = new Map<string, Json>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    for (const ref of Array.isArray(list) ? list : []) {
      const parameter = deref(document, ref);
      if (isObject(parameter) && typeof parameter.name === "string" && typeof parameter.in === "string") {
        const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
        parameters.set(`${parameter.in}:${name}`, parameter);
      }
    }
  }
  return { operation, parameters };
}

type Problem = Omit<CompatFinding, "operation" | "shape">;

function checkShape(document: Json, found: FoundOperation, usage: OperationUsage, shape: RequestShape): Problem[] {
  const problems: Problem[] = [];
  for (const [name, sent] of Object.entries(shape.parameters)) {
    const parameter = found.parameters.get(`query:${name}`);
    if (parameter === undefined) {
      problems.push({ subject: name, reason: `the query parameter ${show(name)} is no longer declared` });
      continue;
    }
    if (sent.kind === "empty") {
      if (parameter.required === true) problems.push({ subject: name, reason: `sent empty, but ${show(name)} is now required` });
      continue;
    }
    const reason = checkValue(document, deref(document, parameter.schema), sent);
    if (reason !== undefined) problems.push({ subject: name, reason });
  }
  for (const [key, parameter] of found.parameters) {
    if (parameter.required !== true) continue;
    const [where, name = ""] = key.split(/:(.*)/s);
    if (where === "query") {
      const sent = shape.parameters[name];
      if (sent === undefined || sent.kind === "empty") problems.push({ subject: name, reason: `the query parameter ${show(name)} is now required; these calls did not send it` });
    } else if (where === "header" && !shape.credentials.includes(name) && usage.headers[name] === undefined) {
      problems.push({ subject: name, reason: `the header ${show(name)} is now required; these calls did not send it` });
    }
  }
  const security = securityProblem(document, found.operation, usage, shape);
  if (security !== undefined) problems.push(security);
  return problems;
}

/** Whether the shape sent an empty value for a parameter whose schema takes no text (`limit=`): a refusal the spec explains. */
function hasEmptyNonText(document: Json, found: FoundOperation, shape: RequestShape): boolean {
  return Object.entries(shape.parameters).some(([name, sent]) => {
    if (sent.kind !== "empty") return false;
    const schema = deref(document, found.parameters.get(`query:${name}`)?.schema);
    const types = isObject(schema) ? typesOf(document, schema) : undefined;
    return types !== undefined && !types.has("string");
  });
}

/** Why the new schema would refuse a value of this kind, or undefined when it accepts it. */
function checkValue(document: Json, schemaNode: unknown, sent: Exclude<ParameterUsage, { kind: "empty" }>): string | undefined {
  const schema = isObject(schemaNode) ? schemaNode : {};
  const types = typesOf(document, schema);
  const allowed = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (sent.kind === "enum") {
    if (Array.isArray(allowed) && !allowed.includes(sent.value)) return `the value ${show(sent.value)} is no longer allowed (allowed: ${allowed.map((value) => show(String(value))).join(", ")})`;
    if (types !== undefined && !types.has("string")) return `text values are no longer accepted (the type is now ${[...types].join(" or ")})`;
    return undefined;
  }
  if (sent.kind === "integer") {
    if (types !== undefined && !types.has("integer") && !types.has("number") && !types.has("string")) return `integers are no longer accepted (the type is now ${[...types].join(" or ")})`;
    if (Array.isArray(allowed)) {
      const outside = [sent.min, sent.max].find((value) => !allowed.includes(value) && !allowed.includes(String(value)));
      if (outside !== undefined) return `${outside} is not one of the values now allowed`;
    }
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
    if (typeof maximum === "number" && sent.max > maximum) return `${sent.max} was sent; it is above the spec's maximum ${maximum}`;
    if (typeof exclusiveMaximum === "number" && sent.max >= exclusiveMaximum) return `${sent.max} was sent; the spec now needs less than ${exclusiveMaximum}`;
    if (typeof minimum === "number" && sent.min < minimum) return `${sent.min} was sent; it is below the spec's minimum ${minimum}`;
    if (typeof exclusiveMinimum === "number" && sent.min <= exclusiveMinimum) return `${sent.min} was sent; the spec now needs more than ${exclusiveMinimum}`;
    return undefined;
  }
  if (types !== undefined && !types.has("string")) return `text values are no longer accepted (the type is now ${[...types].join(" or ")})`;
  if (Array.isArray(allowed)) return `values are now limited to ${allowed.map((value) => show(String(value))).join(", ")}; these calls sent free text`;
  const { maxLength, minLength } = schema;
  for (const length of sent.lengths) {
    const [low, high] = LENGTH_BOUNDS[length];
    if (typeof maxLength === "number" && high > maxLength) return `values of ${length} characters were sent; the spec's maxLength is now ${maxLength}`;
    if (typeof minLength === "number" && low < minLength) return `values of ${length} characters were sent; the spec's minLength is now ${minLength}`;
  }
  return undefined;
}

function securityProblem(document: Json, operation: Json, usage: OperationUsage, shape: RequestShape): Problem | undefined {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  if (requirements.length === 0) return undefined;
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const sent = (header: string) => shape.credentials.includes(header) || usage.headers[header] !== undefined;
  const satisfied = requirements.some(
    (requirement) =>
      isObject(requirement) &&
      Object.keys(requirement).every((name) => {
        const scheme = deref(document, schemes[name]);
        if (!isObject(scheme)) return false;
        if (scheme.type === "apiKey") return scheme.in === "header" && typeof scheme.name === "string" ? sent(scheme.name.toLowerCase()) : false;
        return sent("authorization");
      }),
  );
  if (satisfied) return undefined;
  return {
    subject: "credentials",
    reason: `the credential headers sent (${shape.credentials.join(", ") || "none"}) no longer satisfy the spec's security requirements`,
  };
}

function declaredResponse(document: Json, operation: Json, status: string): Json | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const response = deref(document, responses[status] ?? responses[`${status[0]}XX`] ?? responses.default);
  return isObject(response) ? response : undefined;
}

function responseSchema(document: Json, response: Json, contentType: string): Json | undefined {
  const content = isObject(response.content) ? response.content : {};
  const media = content[contentType] ?? Object.entries(content).find(([type]) => type.toLowerCase() === contentType)?.[1];
  if (!isObject(media)) return undefined;
  const schema = deref(document, media.schema);
  return isObject(schema) ? schema : {};
}

/** Why a field the partner read is gone or changed type in the new schema, or undefined when it is still there. */
function checkField(document: Json, root: Json, path: string, seen: readonly JsonType[]): string | undefined {
  const steps = path.match(/\[\]|[^.[\]]+/g) ?? [];
  let schemas: Json[] = [root];
  for (const step of steps) {
    const next: Json[] = [];
    for (const schema of schemas.flatMap((node) => alternatives(document, node))) {
      if (step === "[]") {
        const items = deref(document, schema.items);
        if (isObject(items)) next.push(items);
        continue;
      }
      const properties = isObject(schema.properties) ? schema.properties : {};
      const property = deref(document, properties[step]);
      if (isObject(property)) next.push(property);
      else if (isObject(schema.additionalProperties)) next.push(schema.additionalProperties);
      else if (schema.additionalProperties === true) next.push({});
    }
    if (next.length === 0) return `the field is no longer in the body`;
    schemas = next;
  }
  const allowed = new Set<string>();
  for (const schema of schemas) {
    const types = typesOf(document, schema);
    if (types === undefined) return undefined;
    for (const type of types) allowed.add(type);
  }
  const lost = seen.filter((type) => type !== "null" && !allowed.has(type) && !(type === "integer" && allowed.has("number")));
  if (lost.length === 0) return undefined;
  return `the field was ${seen.join(" or ")}; the spec now says ${[...allowed].join(" or ") || "nothing it can be"}`;
}

/** The schema and the alternatives it is made of (`allOf`, `oneOf`, `anyOf`), refs resolved. */
function alternatives(document: Json, node: Json, depth = 0): Json[] {
  const resolved = deref(document, node);
  if (!isObject(resolved) || depth > 16) return [];
  const parts = [resolved];
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const list = resolved[key];
    if (Array.isArray(list)) for (const item of list) if (isObject(item)) parts.push(...alternatives(document, item, depth + 1));
  }
  return parts;
}

/** The JSON types a schema allows (`nullable` of OpenAPI 3.0 counted), or undefined when it does not say. */
function typesOf(document: Json, schema: Json): Set<string> | undefined {
  const types = new Set<string>();
  let said = false;
  for (const part of alternatives(document, schema)) {
    if (typeof part.type === "string") {
      types.add(part.type);
    } else if (Array.isArray(part.type)) {
      for (const type of part.type) if (typeof type === "string") types.add(type);
    } else {
      continue;
    }
    said = true;
    if (part.nullable === true) types.add("null");
  }
  if (types.has("number")) types.add("integer");
  return said ? types : undefined;
}

function describeShape(shape: RequestShape): string {
  const parts = Object.entries(shape.parameters).map(([name, usage]) => {
    switch (usage.kind) {
      case "empty":
        return `${show(name)}=(empty)`;
      case "enum":
        return `${show(name)}=${show(usage.value)}`;
      case "integer":
        return `${show(name)}=${usage.min === usage.max ? usage.min : `${usage.min}..${usage.max}`}`;
      default:
        return `${show(name)}=text(${usage.lengths.join("|")} chars)`;
    }
  });
  return `${parts.length === 0 ? "(no parameters)" : parts.join("&")} [${shape.calls}x ${show(shape.status)}]`;
}

/** A name or value from the profile (an untrusted file), printable: control characters escaped, length capped. */
function show(text: string): string {
  const safe = /^[\x20-\x7e]*$/.test(text) ? text : JSON.stringify(text).slice(1, -1).replace(/[^\x20-\x7e]/g, "?");
  return safe.length > 80 ? `${safe.slice(0, 77)}...` : safe;
}

/** The verdict as text: each finding with its shape and reason, then a summary line. */
export function formatCompat(result: CompatResult, source: { usage: string; spec: string }): string {
  const lines = [`finicity-contract compat: ${source.usage} against ${source.spec}`];
  const entry = (mark: string, finding: CompatFinding) => {
    lines.push(`  ${mark} ${finding.operation} ${finding.shape}`);
    lines.push(`      ${finding.subject === undefined ? "" : `${show(finding.subject)}: `}${finding.reason}`);
  };
  for (const finding of result.findings) entry("x", finding);
  for (const warning of result.warnings) entry("!", warning);
  const checked = `${result.shapesChecked} accepted request shape(s) and ${result.responsesChecked} response(s) checked`;
  lines.push(
    result.findings.length === 0
      ? `Compatible: ${checked}; the spec still accepts every call answered 2xx.`
      : `Not compatible: ${result.findings.length} problem(s); ${checked}.`,
  );
  if (result.refusalsChecked > 0) {
    lines.push(
      result.warnings.length === 0
        ? `Refused calls: ${result.refusalsChecked} shape(s) answered 400 checked; the spec still refuses each.`
        : `Warning: ${result.warnings.length} of ${result.refusalsChecked} shape(s) answered 400 would now be accepted by the spec (not breaking; marked !).`,
    );
  }
  return lines.join("\n");
}
