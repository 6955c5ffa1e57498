import { createRule } from '../../core/index.js';
import type { CallFact, RuleContext } from '../../core/index.js';

/** Hashes with practical collision attacks (or worse). */
const BROKEN_HASHES = /^(?:rsa-)?(?:md2|md4|md5|sha1|sha-1|ripemd|ripemd160|rmd160)(?:withrsaencryption)?$/i;
/** Ciphers with small blocks or keys, or broken key schedules. */
const WEAK_CIPHERS = /^(?:des|des-ede|des-ede3|des3|des-ede-cbc|des-ede3-cbc|des-cbc|des-cfb|des-ofb|rc2|rc4|rc5|bf|blowfish|cast|cast5|idea|seed)(?:-|$)/i;
/** Electronic codebook mode: equal plaintext blocks give equal ciphertext blocks. */
const ECB_MODE = /-ecb$/i;
/**
 * Words that put a hash in a security context. MD5/SHA-1 as checksums or cache keys are not CWE-327;
 * as password hashes, signatures or integrity checks of untrusted data they are.
 */
const SECURITY_CONTEXT = /passw|passwd|pwd|secret|token|sign|signature|auth|credential|hmac|verify|integrity|nonce|salt|session|apikey|api_key|otp|csrf/i;

const HASH_APIS = new Set(['crypto.createHash', 'crypto.hash']);
const SIGN_APIS = new Set(['crypto.createSign', 'crypto.createVerify', 'crypto.sign', 'crypto.verify']);
const CIPHER_APIS = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv']);
const DEPRECATED_CIPHER_APIS = new Set(['crypto.createCipher', 'crypto.createDecipher']);

/** The source line of a call, where `createHash('md5').update(password)` shows what is hashed. */
function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

function report(context: RuleContext, call: CallFact, messageId: string, algorithm: string): void {
  context.report({
    messageId,
    data: { api: `${call.api}()`, algorithm },
    location: call.location,
    text: call.text,
    enclosing: call.enclosing,
    properties: { api: call.api, algorithm },
  });
}

/** Broken hashes and ciphers from Node's crypto, found from constant algorithm names (CWE-327). */
export const weakCrypto = createRule({
  id: 'weak-crypto',
  meta: {
    description: 'Detect broken or risky cryptographic algorithms in security-relevant uses',
    severity: 'medium',
    cwe: ['CWE-327'],
    status: 'experimental',
    messages: {
      weakHash: '{{api}} uses {{algorithm}} in a security context; it has practical collision attacks.',
      weakSignature: '{{api}} signs with {{algorithm}}, which allows forged signatures through collisions.',
      weakCipher: '{{api}} uses the weak cipher {{algorithm}}.',
      ecbMode: '{{api}} uses ECB mode ({{algorithm}}), which leaks patterns of the plaintext.',
      deprecatedCipher: '{{api}} derives its key with one MD5 round and no salt or IV; it was removed in Node 22.',
    },
    explanation:
      'MD5 and SHA-1 collide in seconds to hours, so signatures and integrity checks built on them can be forged, ' +
      'and fast hashes make stolen password hashes cheap to crack. DES, 3DES, RC4 and Blowfish have small keys or ' +
      'blocks or biased keystreams; ECB encrypts equal blocks identically; `createCipher` derives keys with a ' +
      'single unsalted MD5 and reuses the IV.',
    fix:
      'Hash passwords with `crypto.scrypt`, argon2 or bcrypt; use SHA-256 or better (`createHash("sha256")`) for ' +
      'integrity and HMAC-SHA-256 or Ed25519/ECDSA-P256 with SHA-256 for signatures; encrypt with AES-256-GCM or ' +
      'ChaCha20-Poly1305 through `createCipheriv` with a random 12-byte IV per message.',
  },
  create: (context) => ({
    program: (program) => {
      for (const call of program.calls) {
        const algorithm = call.constantArgs[0];
        if (DEPRECATED_CIPHER_APIS.has(call.api)) {
          report(context, call, 'deprecatedCipher', typeof algorithm === 'string' ? algorithm : 'unknown');
          continue;
        }
        if (typeof algorithm !== 'string') continue;
        if (HASH_APIS.has(call.api) && BROKEN_HASHES.test(algorithm)) {
          const where = `${call.enclosing} ${call.text} ${lineOf(program.text, call.location.startLine)}`;
          if (SECURITY_CONTEXT.test(where)) report(context, call, 'weakHash', algorithm);
        } else if (SIGN_APIS.has(call.api) && BROKEN_HASHES.test(algorithm)) {
          report(context, call, 'weakSignature', algorithm);
        } else if (CIPHER_APIS.has(call.api)) {
          if (WEAK_CIPHERS.test(algorithm)) report(context, call, 'weakCipher', algorithm);
          else if (ECB_MODE.test(algorithm)) report(context, call, 'ecbMode', algorithm);
        }
      }
    },
  }),
});
