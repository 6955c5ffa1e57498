import type { LibraryModel } from '../../core/index.js';

/** node-serialize: `unserialize` evaluates `_$$ND_FUNC$$_` function bodies (CVE-2017-5941). */
export const nodeSerializeModel: LibraryModel = {
  id: 'node-serialize',
  description: 'node-serialize, serialize-to-js, cryo, funcster: deserializers that run code',
  sinks: [
    { root: { module: 'node-serialize' }, path: 'Member[unserialize].Argument[0]', kind: 'unsafe-deserialization', description: 'serialize.unserialize()' },
    { root: { module: 'serialize-to-js' }, path: 'Member[deserialize].Argument[0]', kind: 'unsafe-deserialization', description: 'serialize-to-js deserialize()' },
    { root: { module: 'cryo' }, path: 'Member[parse].Argument[0]', kind: 'unsafe-deserialization', description: 'cryo.parse()' },
    { root: { module: 'funcster' }, path: 'Member[deepDeserialize].Argument[0]', kind: 'unsafe-deserialization', description: 'funcster.deepDeserialize()' },
  ],
};
