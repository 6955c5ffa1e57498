import { createRule } from '../../core/index.js';
import { reportFlow } from '../flow-report.js';

/** Untrusted data given to a deserializer that can run code (CWE-502). */
export const unsafeDeserialization = createRule({
  id: 'unsafe-deserialization',
  meta: {
    description: 'Detect untrusted data passed to a deserializer that can construct functions or run code',
    severity: 'critical',
    cwe: ['CWE-502'],
    status: 'experimental',
    sinkKinds: ['unsafe-deserialization'],
    messages: { taintedPayload: 'Serialized data from {{source}} is deserialized by {{sink}}.' },
    explanation:
      '`node-serialize` evaluates function bodies marked `_$$ND_FUNC$$_` (an IIFE runs at once), and js-yaml 3 ' +
      '`load` builds `!!js/function` values: deserializing attacker data gives remote code execution.',
    fix:
      'Exchange data as JSON (`JSON.parse`) or YAML with a safe schema (`yaml.load` of js-yaml 4, `safeLoad` in ' +
      'js-yaml 3, or the `yaml` package). Never deserialize functions from input; validate the parsed structure ' +
      'with a schema.',
  },
  create: (context) => ({
    taintedSink: (flow) => {
      reportFlow(context, flow, 'taintedPayload');
    },
  }),
});
