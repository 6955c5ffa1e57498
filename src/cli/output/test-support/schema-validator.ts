import { readFileSync } from 'node:fs';

import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';

/** Loads a vendored JSON Schema (draft-07) from `../schemas/` and returns a validator that lists errors. */
export function createSchemaValidator(schemaFile: string): (data: unknown) => string[] {
  const schema = JSON.parse(readFileSync(new URL(`../schemas/${schemaFile}`, import.meta.url), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the plugin.
  formatsModule.default(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}
