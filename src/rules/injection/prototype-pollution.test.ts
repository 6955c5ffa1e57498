import { runRuleTests } from '../test-support/rule-tester.js';
import { prototypePollution } from './prototype-pollution.js';

runRuleTests(prototypePollution, {
  valid: [
    {
      name: 'recursive merge with a __proto__ guard',
      threatModel: 'library',
      code: `module.exports = function merge(target, source) {
  for (const key in source) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof source[key] === 'object') merge(target[key] = target[key] || {}, source[key]);
    else target[key] = source[key];
  }
  return target;
};`,
    },
    {
      name: 'one-level copy onto the caller object (shadows, cannot reach Object.prototype)',
      threatModel: 'library',
      code: `module.exports = function assign(target, source) {
  for (const key in source) target[key] = source[key];
  return target;
};`,
    },
    {
      name: 'constant keys only',
      threatModel: 'library',
      code: `module.exports = function setName(target, value) {
  target.name = value;
  return target;
};`,
    },
  ],
  invalid: [
    {
      name: 'two walks in two functions stay two findings',
      threatModel: 'library',
      code: `exports.a = function a(obj, path, value) {
  let cur = obj;
  for (const k of path.split('.')) cur = cur[k] = cur[k] || value;
};
exports.b = function b(obj, path, value) {
  let cur = obj;
  for (const k of path.split('/')) cur = cur[k] = cur[k] || value;
};`,
      errors: [
        { messageId: 'pollutedWrite', line: 3, column: 42 },
        { messageId: 'pollutedWrite', line: 7, column: 42 },
      ],
    },
    {
      name: 'walk guarded against __proto__ only (bypassed through constructor.prototype)',
      threatModel: 'library',
      code: `exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (const key of keys) {
    if (key === '__proto__') return;
    cur = cur[key] = cur[key] || {};
  }
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 6, column: 11 }],
    },
    {
      name: 'unguarded recursive merge (both writes of one merge are one root cause: one finding)',
      threatModel: 'library',
      code: `module.exports = function merge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object') merge(target[key] = target[key] || {}, source[key]);
    else target[key] = source[key];
  }
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 3, column: 48 }],
    },
    {
      name: 'set by dotted path (one finding per walk)',
      threatModel: 'library',
      code: `exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    cur = cur[keys[i]] = cur[keys[i]] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 5, column: 11 }],
    },
  ],
});
