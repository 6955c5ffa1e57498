import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/**
 * Text evaluated to get a value back (`new Function('return ' + s)()`, `eval('(' + s + ')')`): the idiom of
 * hand-written deserializers. Other code evaluation stays code-injection only.
 */
const EVALUATED_AS_VALUE = /^(?:new\s+)?Function\s*\(\s*(['"`])\s*(?:(['"])use strict\2\s*;?\s*)?return\b|^eval\s*\(\s*(['"`])\(\3\s*\+/;

/** Untrusted data given to a deserializer that can run code (CWE-502). */
export const unsafeDeserialization = createRule({
  id: 'unsafe-deserialization',
  meta: {
    description: 'Detect untrusted data passed to a deserializer that can construct functions or run code',
    severity: 'critical',
    cwe: ['CWE-502'],
    status: 'experimental',
    sinkKinds: ['unsafe-deserialization', 'code-injection'],
    messages: {
      taintedPayload: 'Serialized data from {{source}} is deserialized by {{sink}}.',
      evaluatedPayload: 'Text from {{source}} is deserialized by evaluating it as code with {{sink}}.',
    },
    explanation:
      '`node-serialize` evaluates function bodies marked `_$$ND_FUNC$$_` (an IIFE runs at once), js-yaml 3 ' +
      '`load` builds `!!js/function` values, and hand-written deserializers that evaluate the text ' +
      "(`new Function('return ' + s)()`) run whatever expression it holds: deserializing attacker data gives " +
      'remote code execution.',
    fix:
      'Exchange data as JSON (`JSON.parse`) or YAML with a safe schema (`yaml.load` of js-yaml 4, `safeLoad` in ' +
      'js-yaml 3, or the `yaml` package). Never deserialize functions from input; validate the parsed structure ' +
      'with a schema.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      if (flow.sinkKind === 'unsafe-deserialization') reportFlow(context, flow, 'taintedPayload');
      else if (EVALUATED_AS_VALUE.test(flow.sink.text)) reportFlow(context, flow, 'evaluatedPayload');
    },
  }),
});
