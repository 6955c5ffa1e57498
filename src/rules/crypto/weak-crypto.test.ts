import { runRuleTests } from '../test-support/rule-tester.js';
import { weakCrypto } from './weak-crypto.js';

runRuleTests(weakCrypto, {
  valid: [
    {
      name: 'md5 as a cache key',
      code: `const crypto = require('crypto');\nexports.etag = (body) => crypto.createHash('md5').update(body).digest('hex');`,
    },
    {
      name: 'sha256 password digest is not a weak algorithm',
      code: `const crypto = require('crypto');\nexports.hashPassword = (password) => crypto.createHash('sha256').update(password).digest('hex');`,
    },
    {
      name: 'AES-GCM',
      code: `const crypto = require('crypto');\nexports.enc = (k, iv) => crypto.createCipheriv('aes-256-gcm', k, iv);`,
    },
  ],
  invalid: [
    {
      name: 'md5 password hash',
      code: `const crypto = require('crypto');
exports.hashPassword = function hashPassword(password) {
  return crypto.createHash('md5').update(password).digest('hex');
};`,
      errors: [{ messageId: 'weakHash', line: 3, column: 10 }],
    },
    {
      name: 'DES cipher and ECB mode',
      code: `const { createCipheriv } = require('crypto');
exports.a = (k) => createCipheriv('des-cbc', k, Buffer.alloc(8));
exports.b = (k) => createCipheriv('aes-128-ecb', k, null);`,
      errors: [
        { messageId: 'weakCipher', line: 2, column: 20 },
        { messageId: 'ecbMode', line: 3, column: 20 },
      ],
    },
    {
      name: 'deprecated createCipher',
      code: `const crypto = require('crypto');\nexports.enc = (pw) => crypto.createCipher('aes-256-cbc', pw);`,
      errors: [{ messageId: 'deprecatedCipher', line: 2, column: 23 }],
    },
    {
      name: 'SHA-1 signature',
      code: `const crypto = require('crypto');\nexports.sign = (key, data) => crypto.createSign('RSA-SHA1').update(data).sign(key);`,
      errors: [{ messageId: 'weakSignature', line: 2, column: 31 }],
    },
  ],
});
