// The OpenAPI 3.1 document of the REST API, generated from the operations table and the zod
// input schemas that validate every request (never written by hand). Each route's parameters
// and body come from its operation's schema; a route whose input a schema does not describe
// fails the OpenAPI test.
import {z} from 'zod';
import {schemas, type Schemas} from '../../protocol/schemas.js';
import {API_PREFIX} from '../../protocol/rest.js';
import {ERROR_CODES} from '../../protocol/errors.js';
import {OPERATIONS, type OperationName} from '../operations/table.js';
import type {Operation, RestBinding} from '../operations/operation.js';
import {SUMMARIES} from './openapi-summaries.js';

type JsonSchema = Record<string, unknown> & {properties?: Record<string, JsonSchema>; required?: string[]};

const errorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    retryAfter: z.number().int().optional().describe('seconds to wait, with rate_limited and unavailable'),
    issues: z.array(z.object({path: z.string(), message: z.string()})).optional().describe('field problems, with bad_request'),
  }),
});

/** The JSON Schema of what a client sends (zod's input side: before defaults and cleaning). */
export function inputSchema(name: keyof Schemas): JsonSchema {
  return jsonSchema(schemas[name]);
}

function jsonSchema(schema: z.ZodType): JsonSchema {
  const {$schema: _drop, ...json} = z.toJSONSchema(schema, {io: 'input', target: 'draft-2020-12', unrepresentable: 'throw'}) as JsonSchema;
  return json;
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const operationId = (name: string) => name.replace(/:(\w)/g, (_m, c: string) => c.toUpperCase());

function without(schema: JsonSchema, fields: string[]): JsonSchema {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !fields.includes(k)));
  const required = (schema.required ?? []).filter((k) => !fields.includes(k));
  return {...schema, properties, ...(required.length ? {required} : {required: undefined})};
}

const headerName = (h: string) => h.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

/**
 * A multipart form: the schema's text fields (sent before the file) and the file part itself.
 * The idempotency key may come as a header instead, so no text field is required.
 */
function multipartSchema(fields: JsonSchema, spec: NonNullable<RestBinding['multipart']>): JsonSchema {
  const file = {type: 'string', contentMediaType: 'application/octet-stream', description: 'the document; its type is decided by its content'};
  return {
    ...fields,
    properties: {...fields.properties, [spec.file]: file},
    required: spec.idempotencyHeader ? [spec.file] : [...(fields.required ?? []), spec.file],
    maxProperties: spec.maxFields,
  };
}

/** Parameters and body of one REST operation; several operations may share a route (GET messages). */
function describeInput(ops: [OperationName, Operation][]) {
  const parameters = new Map<string, Record<string, unknown>>();
  let requestBody: Record<string, unknown> | undefined;
  for (const [, operation] of ops) {
    const rest = operation.rest!;
    const schema = inputSchema(operation.input);
    const props = schema.properties ?? {};
    const pathFields = Object.values(rest.params ?? {});
    for (const [param, field] of Object.entries(rest.params ?? {})) {
      parameters.set(`path ${param}`, {name: param, in: 'path', required: true, schema: props[field]});
    }
    if (rest.method === 'GET' || rest.method === 'DELETE') {
      // Query fields: a field the route fills itself when the parameter is absent is optional.
      const filledWhenAbsent = rest.query ? rest.query({}) : {};
      for (const [field, fieldSchema] of Object.entries(props)) {
        if (pathFields.includes(field)) continue;
        const name = rest.queryNames?.[field] ?? field;
        const required = ops.length === 1 && (schema.required ?? []).includes(field) && filledWhenAbsent[field] === undefined;
        parameters.set(`query ${name}`, {name, in: 'query', required, schema: fieldSchema});
      }
    } else if (rest.multipart) {
      requestBody = {required: true, content: {'multipart/form-data': {schema: multipartSchema(without(schema, pathFields), rest.multipart)}}};
      if (rest.multipart.idempotencyHeader) {
        parameters.set('header idempotency', {name: headerName(rest.multipart.idempotencyHeader), in: 'header', required: false,
          description: 'the clientId, when the form has no clientId field: a repeat returns the stored result', schema: props.clientId});
      }
    } else if (rest.body !== false) {
      requestBody = {required: true, content: {'application/json': {schema: without(schema, pathFields)}}};
    }
  }
  return {parameters: [...parameters.values()], requestBody};
}

function successResponse(operation: Operation): Record<string, unknown> {
  const rest = operation.rest!;
  if (typeof rest.attachment === 'string') return {description: `a download (${rest.attachment})`, content: {[rest.attachment]: {schema: {type: 'string', contentMediaType: rest.attachment}}}};
  if (rest.attachment) return {description: 'a plain-text download', content: {'text/plain': {schema: {type: 'string'}}}};
  return {description: 'the result, as JSON', content: {'application/json': {schema: {type: 'object'}}}};
}

export function buildOpenApi(opts: {serverUrl: string; version?: string}): Record<string, unknown> {
  const routes = new Map<string, [OperationName, Operation][]>();
  for (const [name, operation] of Object.entries(OPERATIONS) as [OperationName, Operation][]) {
    if (!operation.rest) continue;
    const key = `${operation.rest.method} ${operation.rest.path}`;
    routes.set(key, [...(routes.get(key) ?? []), [name, operation]]);
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, ops] of routes) {
    const [method, path] = key.split(' ');
    const [name, first] = ops[0];
    const {parameters, requestBody} = describeInput(ops);
    const status = String(first.rest!.status ?? 200);
    const refusals = first.who === 'public' ? ['400', '429'] : ['400', '401', '403', '404', '429'];
    (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = {
      operationId: operationId(name),
      summary: ops.map(([n]) => SUMMARIES[n]).join(' / '),
      tags: [name.split(':')[0]],
      ...(first.who === 'public' ? {security: []} : {}),
      'x-callers': first.who,
      ...(parameters.length ? {parameters} : {}),
      ...(requestBody ? {requestBody} : {}),
      responses: {
        [status]: successResponse(first),
        ...Object.fromEntries(refusals.map((s) => [s, {$ref: '#/components/responses/Error'}])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Consult Chat API',
      version: opts.version ?? '1',
      description: 'Every request body and parameter below is the schema the server validates with. Errors are always `{"error": {"code", "message"}}`. Send a session token or an API key as `Authorization: Bearer …`.',
    },
    servers: [{url: `${opts.serverUrl.replace(/\/$/, '')}${API_PREFIX}`}],
    security: [{bearer: []}],
    paths,
    components: {
      securitySchemes: {bearer: {type: 'http', scheme: 'bearer', description: 'a session token (widget session or lawyer login) or a firm API key (ck_…)'}},
      schemas: {Error: jsonSchema(errorBody)},
      responses: {Error: {description: 'refused; `error.code` says why', content: {'application/json': {schema: {$ref: '#/components/schemas/Error'}}}}},
    },
  };
}
