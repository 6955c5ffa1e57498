import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

import { ModelOutputError } from './errors.js';
import type { CallContext, GatewayResponse, ModelGateway } from './model-gateway.js';
import type { AiPurpose, ChatMessage, ModelRequest } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorOf(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The JSON value in a model's text: the whole text, a fenced block, or the outermost braces. */
export function extractJson(text: string): unknown {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  if (fenced?.[1] !== undefined) candidates.push(fenced[1].trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch (error: unknown) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  return undefined;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`).join('; ');
}

/** Check `value` against `schema`; the problems as text, or `undefined` when it is valid. */
export function schemaProblems(schema: object, value: unknown): string | undefined {
  const validate = validatorOf(schema);
  return validate(value) ? undefined : describeErrors(validate.errors) || 'does not match the schema';
}

/**
 * Ask for a JSON object matching `schema`, validate it with ajv, and on a mismatch ask ONCE more with the
 * problems listed (weak and local models often break structured output). A second mismatch is a
 * {@link ModelOutputError}. Returns the value (valid against `schema`) and every response (for ids and usage).
 */
export async function callForJson(
  gateway: ModelGateway,
  purpose: AiPurpose,
  request: ModelRequest,
  schema: object,
  context: CallContext = {},
): Promise<{ value: unknown; responses: GatewayResponse[] }> {
  const instructions = `\n\nReply with ONLY a JSON object matching this JSON Schema, no prose:\n${JSON.stringify(schema)}`;
  const messages: ChatMessage[] = [...request.messages];
  const responses: GatewayResponse[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await gateway.call(purpose, { ...request, system: request.system + instructions, messages }, context);
    responses.push(response);
    const value = extractJson(response.text);
    const problems = value === undefined ? 'the reply is not JSON' : schemaProblems(schema, value);
    if (problems === undefined) return { value, responses };
    messages.push({ role: 'assistant', text: response.text, toolCalls: [] });
    messages.push({ role: 'user', text: `Your reply was rejected: ${problems}. Send the corrected JSON object only.` });
  }
  throw new ModelOutputError(`The ${purpose} model's reply did not match the expected schema after one repair request`);
}
