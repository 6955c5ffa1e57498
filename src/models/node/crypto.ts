import type { LibraryModel } from '../../core/index.js';

const root = { module: 'crypto' } as const;

/**
 * Node's `crypto`. Weak algorithms are found by the `weak-crypto` rule over call facts; this model adds
 * key material as `insecure-randomness` sinks (a `Math.random()` key or IV) and the CSPRNG as a sanitizer.
 */
export const cryptoModel: LibraryModel = {
  id: 'crypto',
  description: "Node's crypto: keys and IVs must not come from Math.random()",
  sinks: [
    {
      root,
      path: 'Member[createCipheriv,createDecipheriv].Argument[1,2]',
      kind: 'insecure-randomness',
      description: 'crypto.createCipheriv() key or IV',
      labels: ['insecure-random'],
    },
    {
      root,
      path: 'Member[createHmac].Argument[1]',
      kind: 'insecure-randomness',
      description: 'crypto.createHmac() key',
      labels: ['insecure-random'],
    },
    {
      root,
      path: 'Member[pbkdf2,pbkdf2Sync,scrypt,scryptSync].Argument[1]',
      kind: 'insecure-randomness',
      description: 'crypto.pbkdf2() salt',
      labels: ['insecure-random'],
    },
  ],
};
