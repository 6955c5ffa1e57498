import { runRuleTests } from '../test-support/rule-tester.js';
import { insecureRandomness } from './insecure-randomness.js';

runRuleTests(insecureRandomness, {
  valid: [
    { name: 'Math.random for a jitter delay', code: `const delay = 100 + Math.random() * 50;\nmodule.exports = { delay };` },
    {
      name: 'crypto.randomBytes token',
      code: `const crypto = require('crypto');\nfunction createToken() {\n  return crypto.randomBytes(32).toString('hex');\n}\nmodule.exports = { createToken };`,
    },
  ],
  invalid: [
    {
      name: 'reset token from Math.random (assignment and return are one root cause: one finding)',
      code: `function makeResetToken() {
  const resetToken = Math.random().toString(36).slice(2);
  return resetToken;
}
module.exports = { makeResetToken };`,
      errors: [{ messageId: 'predictableSecret', line: 2, column: 9 }],
    },
    {
      name: 'cipher IV from Math.random',
      code: `const crypto = require('crypto');
function enc(key, data) {
  const iv = Buffer.from(String(Math.random()).padEnd(16, '0').slice(0, 16));
  return crypto.createCipheriv('aes-256-cbc', key, iv).update(data);
}
module.exports = { enc };`,
      errors: [{ messageId: 'predictableSecret', line: 4, column: 10 }],
    },
  ],
});
