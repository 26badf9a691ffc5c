/**
 * The JSON Schema of a usage profile, version 1, as the sandbox wrote it before version 2 (in no release): kept
 * so that `compat` can still read such a profile (see `usage-profile-v1.ts`). Frozen: never edit it.
 */
export const USAGE_PROFILE_SCHEMA_V1 = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://github.com/finicity-aggregation/finicity-aggregation/packages/mock/usage-profile.schema.json",
  "title": "Finicity sandbox usage profile, version 1",
  "description": "The shapes of the calls a sandbox served: per operation, which query parameters were sent with the kind of value, which credential headers (by name, never value), which statuses came back and the JSON fields of the bodies. No values that identify a customer, no secrets.",
  "type": "object",
  "required": ["format", "version", "operations"],
  "additionalProperties": false,
  "properties": {
    "format": { "const": "finicity-usage-profile" },
    "version": { "const": 1 },
    "operations": {
      "type": "object",
      "maxProperties": 50,
      "propertyNames": { "pattern": "^[A-Za-z][A-Za-z0-9_]{0,63}$" },
      "additionalProperties": { "$ref": "#/$defs/operation" }
    }
  },
  "$defs": {
    "name": { "type": "string", "minLength": 1, "maxLength": 64 },
    "count": { "type": "integer", "minimum": 0 },
    "status": { "type": "string", "pattern": "^(0|[1-5][0-9][0-9])$" },
    "operation": {
      "type": "object",
      "required": ["method", "path", "calls", "shapes", "shapesDropped", "undeclaredParameters", "headers", "responses"],
      "additionalProperties": false,
      "properties": {
        "method": { "enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] },
        "path": { "type": "string", "pattern": "^/", "maxLength": 2000 },
        "calls": { "$ref": "#/$defs/count" },
        "shapes": { "type": "array", "maxItems": 1000, "items": { "$ref": "#/$defs/shape" } },
        "shapesDropped": { "$ref": "#/$defs/count" },
        "undeclaredParameters": { "type": "array", "maxItems": 100, "items": { "$ref": "#/$defs/name" } },
        "headers": {
          "type": "object",
          "maxProperties": 100,
          "propertyNames": { "maxLength": 64 },
          "additionalProperties": { "$ref": "#/$defs/count" }
        },
        "responses": {
          "type": "object",
          "maxProperties": 100,
          "propertyNames": { "$ref": "#/$defs/status" },
          "additionalProperties": { "$ref": "#/$defs/response" }
        }
      }
    },
    "shape": {
      "type": "object",
      "required": ["parameters", "credentials", "statuses"],
      "additionalProperties": false,
      "properties": {
        "parameters": {
          "type": "object",
          "maxProperties": 100,
          "propertyNames": { "maxLength": 64 },
          "additionalProperties": { "$ref": "#/$defs/parameter" }
        },
        "credentials": {
          "type": "array",
          "maxItems": 10,
          "items": { "enum": ["app-key", "finicity-app-key", "finicity-app-token", "authorization"] }
        },
        "statuses": {
          "type": "object",
          "maxProperties": 100,
          "propertyNames": { "$ref": "#/$defs/status" },
          "additionalProperties": { "$ref": "#/$defs/count" }
        }
      }
    },
    "parameter": {
      "oneOf": [
        {
          "type": "object",
          "required": ["kind"],
          "additionalProperties": false,
          "properties": { "kind": { "const": "empty" } }
        },
        {
          "type": "object",
          "required": ["kind", "value"],
          "additionalProperties": false,
          "properties": { "kind": { "const": "enum" }, "value": { "type": "string", "maxLength": 64 } }
        },
        {
          "type": "object",
          "required": ["kind", "min", "max"],
          "additionalProperties": false,
          "properties": { "kind": { "const": "integer" }, "min": { "type": "integer" }, "max": { "type": "integer" } }
        },
        {
          "type": "object",
          "required": ["kind", "lengths"],
          "additionalProperties": false,
          "properties": {
            "kind": { "const": "text" },
            "lengths": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "enum": ["1-5", "6-16", "17-64", "65-255", "256+"] } }
          }
        }
      ]
    },
    "response": {
      "type": "object",
      "required": ["contentType", "fields"],
      "additionalProperties": false,
      "properties": {
        "contentType": { "type": "string", "maxLength": 200 },
        "fields": {
          "type": "object",
          "maxProperties": 1000,
          "propertyNames": { "maxLength": 1000 },
          "additionalProperties": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "enum": ["string", "integer", "number", "boolean", "null", "object", "array"] }
          }
        }
      }
    }
  }
} as const;
