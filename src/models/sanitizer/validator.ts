import type { GuardModel, LibraryModel } from '../../core/index.js';

const root = { module: 'validator' } as const;

/** Format checks after which a value holds no quote, slash, angle bracket or shell metacharacter. */
const STRICT_CHECKS = ['isInt', 'isNumeric', 'isFloat', 'isDecimal', 'isUUID', 'isAlphanumeric', 'isAlpha', 'isHexadecimal', 'isMongoId', 'isBoolean', 'isPort'];

/**
 * validator.js: strict format checks as guards, `escape` as HTML encoder, `toInt` as numeric coercion.
 * `isURL` is deliberately not a guard: `https://169.254.169.254/` is a valid URL (docs/rules/ssrf.md).
 */
export const validatorModel: LibraryModel = {
  id: 'validator',
  description: 'validator.js: isInt/isUUID/isAlphanumeric... guards, escape() for HTML, toInt() coercion',
  guards: STRICT_CHECKS.flatMap((check): GuardModel[] => [
    { root, path: `Member[${check}]`, checks: 'argument0', safeWhen: 'true', kinds: 'all', description: `validator.${check}()` },
    {
      root: { module: `validator/lib/${check}` },
      path: '',
      checks: 'argument0',
      safeWhen: 'true',
      kinds: 'all',
      description: `validator.${check}()`,
    },
  ]),
  sanitizers: [
    { root, path: 'Member[escape].ReturnValue', kinds: ['xss'], description: 'validator.escape()' },
    { root, path: 'Member[toInt,toFloat,toBoolean].ReturnValue', kinds: 'all', description: 'validator.toInt()' },
  ],
};
