import { runRuleTests } from '../test-support/rule-tester.js';
import { prototypePollution } from './prototype-pollution.js';

runRuleTests(prototypePollution, {
  valid: [
    {
      name: 'deep merge recursing only into keys the TARGET already owns (an own `__proto__` of the source is never one)',
      threatModel: 'library',
      code: `function hasOwn(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
module.exports = function merge(target, source) {
  for (var key in source) {
    if (!hasOwn(target, key)) continue;
    var val = source[key];
    if (typeof val === 'object' && val !== null) target[key] = merge(target[key], val);
  }
  return target;
};`,
    },
    {
      name: 'deep merge over own keys of the source skipping all three prototype keys through a helper',
      threatModel: 'library',
      code: `function hasOwn(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
function isValidKey(key) {
  return key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}
module.exports = function merge(target, obj) {
  for (var key in obj) {
    if (!isValidKey(key) || !hasOwn(obj, key)) continue;
    var oldVal = obj[key];
    var newVal = target[key];
    if (newVal && oldVal) target[key] = merge(newVal, oldVal);
    else target[key] = oldVal;
  }
  return target;
};`,
    },
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
    {
      name: 'jQuery-style extend over `arguments` skipping the prototype keys',
      threatModel: 'library',
      code: `module.exports = function extend() {
  var target = arguments[0];
  for (var i = 1; i < arguments.length; i++) {
    var options = arguments[i];
    for (var name in options) {
      if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
      var src = target[name];
      var copy = options[name];
      if (copy && typeof copy === 'object') target[name] = extend(src && typeof src === 'object' ? src : {}, copy);
      else target[name] = copy;
    }
  }
  return target;
};`,
    },
    {
      name: '__proto__ skipped and recursion only into object targets (constructor is a function: never recursed into)',
      threatModel: 'library',
      code: `exports.merge = function merge(target, source) {
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; ++i) {
    const key = keys[i];
    if (key === '__proto__') continue;
    const value = source[key];
    if (value && typeof value === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = Object.assign({}, value);
      else merge(target[key], value);
    } else target[key] = value;
  }
  return target;
};`,
    },
    {
      name: '__proto__ skipped and recursion only into plain objects (Object.prototype.toString check in a predicate)',
      threatModel: 'library',
      code: `const toStr = Object.prototype.toString;
function isPlainObject(o) {
  if (!o || toStr.call(o) !== '[object Object]') return false;
  var key;
  for (key in o) { /**/ }
  return true;
}
module.exports = function extend(target, source) {
  for (const name in source) {
    if (name === '__proto__') continue;
    const src = target[name];
    const copy = source[name];
    if (isPlainObject(copy)) target[name] = extend(isPlainObject(src) ? src : {}, copy);
    else target[name] = copy;
  }
  return target;
};`,
    },
    {
      name: 'extend reading through a getter that refuses an inherited __proto__ (feature-detected built-in) and recursing into plain objects only',
      threatModel: 'library',
      code: `var hasOwn = Object.prototype.hasOwnProperty;
var toStr = Object.prototype.toString;
var gOPD = Object.getOwnPropertyDescriptor;
function isPlainObject(o) {
  if (!o || toStr.call(o) !== '[object Object]') return false;
  var hasOwnConstructor = hasOwn.call(o, 'constructor');
  return !hasOwnConstructor;
}
function getProperty(obj, name) {
  if (name === '__proto__') {
    if (!hasOwn.call(obj, name)) return void 0;
    else if (gOPD) return gOPD(obj, name).value;
  }
  return obj[name];
}
module.exports = function extend() {
  var target = arguments[0];
  for (var i = 1; i < arguments.length; i++) {
    var options = arguments[i];
    for (var name in options) {
      var src = getProperty(target, name);
      var copy = getProperty(options, name);
      if (isPlainObject(copy)) target[name] = extend(src && isPlainObject(src) ? src : {}, copy);
      else target[name] = copy;
    }
  }
  return target;
};`,
    },
    {
      name: 'cache field created without a prototype (Object.create(null)): a locale key cannot reach Object.prototype',
      threatModel: 'library',
      code: `function Store(opts) {
  this.locale = opts.locale;
  this.cache = Object.create(null);
}
Store.prototype.update = function (obj) {
  if (!this.cache[this.locale]) this.cache[this.locale] = {};
  for (var key in obj) this.cache[this.locale][key] = obj[key];
};
module.exports = function (opts) { return new Store(opts); };`,
    },
    {
      name: 'class field without a prototype',
      threatModel: 'library',
      code: `class Store {
  cache = Object.create(null);
  constructor(locale) { this.locale = locale; }
  update(obj) {
    if (!this.cache[this.locale]) this.cache[this.locale] = {};
    for (const key in obj) this.cache[this.locale][key] = obj[key];
  }
}
module.exports = Store;`,
    },
    {
      name: 'recursion through forEach callbacks over Array.prototype.slice.call(arguments) with the prototype keys skipped',
      threatModel: 'library',
      code: `module.exports = function deepExtend() {
  var target = arguments[0];
  var args = Array.prototype.slice.call(arguments, 1);
  args.forEach(function (obj) {
    Object.keys(obj).forEach(function (key) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
      var src = target[key];
      var val = obj[key];
      if (typeof val !== 'object' || val === null) target[key] = val;
      else target[key] = deepExtend(typeof src === 'object' && src !== null ? src : {}, val);
    });
  });
  return target;
};`,
    },
    {
      name: 'reduce over path parts guarded through the array element parts[i] (the callback element k)',
      threatModel: 'library',
      code: `const proto = ['__proto__', 'constructor', 'prototype'];
module.exports = function unflatten(obj) {
  const result = {};
  Object.keys(obj).forEach((key) => {
    const parts = key.split('.');
    parts.reduce((o, k, i) => {
      if (proto.includes(parts[i])) return o;
      return o[k] || (o[k] = parts.length - 1 === i ? obj[key] : {});
    }, result);
  });
  return result;
};`,
    },
    {
      name: 'JSON-pointer walk refusing each segment pointer[p] before reading it as pointer[p++] (through an unescaping helper)',
      threatModel: 'library',
      code: `function untilde(str) {
  if (!/~/.test(str)) return str;
  return str.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}
exports.set = function set(obj, pointer, value) {
  var part;
  for (var p = 1, len = pointer.length; p < len;) {
    if (pointer[p] === 'constructor' || pointer[p] === 'prototype' || pointer[p] === '__proto__') return obj;
    part = untilde(pointer[p++]);
    if (Array.isArray(obj) && part === '-') part = obj.length;
    if (len === p) break;
    if (typeof obj[part] === 'undefined') obj[part] = {};
    obj = obj[part];
  }
  obj[part] = value;
  return obj;
};`,
    },
    {
      name: 'set by path skipping a forbidden part in a for loop (parts[i] checked, then read as parts[i])',
      threatModel: 'library',
      code: `const BLOCKED = ['__proto__', 'constructor', 'prototype'];
exports.set = function set(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (BLOCKED.includes(parts[i])) return obj;
    cur = cur[parts[i]] = cur[parts[i]] || {};
  }
  const last = parts.length - 1;
  if (parts[last] === '__proto__' || parts[last] === 'constructor' || parts[last] === 'prototype') return obj;
  cur[parts[last]] = value;
  return obj;
};`,
    },
    {
      name: 'set by path whose parts pass a helper that throws on the prototype keys',
      threatModel: 'library',
      code: `function assertSafeKey(key) {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new Error('Unsafe key: ' + key);
  }
}
exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    assertSafeKey(key);
    cur = cur[key] = cur[key] || {};
  }
  const last = keys[keys.length - 1];
  assertSafeKey(last);
  cur[last] = value;
  return obj;
};`,
    },
    {
      name: 'set by path checked with an assert(condition, message) helper',
      threatModel: 'library',
      code: `const internals = {};
internals.assert = function (condition, ...args) {
  if (condition) return;
  throw new Error(args.join(' ') || 'Unknown error');
};
exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    internals.assert(key !== '__proto__' && key !== 'constructor' && key !== 'prototype', 'Unsafe key', key);
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
    },
    {
      name: 'set by path checked with Node assert',
      threatModel: 'library',
      code: `const assert = require('node:assert');
exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    assert.ok(key !== '__proto__' && key !== 'constructor' && key !== 'prototype');
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
    },
    {
      name: 'async set by path awaiting an async helper that throws on the prototype keys',
      threatModel: 'library',
      code: `async function assertSafeKey(key) {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error('Unsafe key');
}
exports.set = async function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    await assertSafeKey(key);
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
    },
    {
      name: 'deep mixin of every argument through the for-in helper with a callback bound to the target, skipping all three prototype keys',
      threatModel: 'library',
      code: `var forIn = require('for-in');
function isValidKey(key) {
  return key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}
function copy(val, key) {
  if (!isValidKey(key)) return;
  var obj = this[key];
  if (val && obj) mixinDeep(obj, val);
  else this[key] = val;
}
function mixinDeep(target) {
  for (var i = 1; i < arguments.length; i++) forIn(arguments[i], copy, target);
  return target;
}
module.exports = mixinDeep;`,
    },
    {
      name: 'deep mixin through fn.call(target, ...) in two mutually recursive functions, skipping all three prototype keys',
      threatModel: 'library',
      code: `function copy(val, key) {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
  var obj = this[key];
  if (val && obj) mixinDeep(obj, val);
  else this[key] = val;
}
function mixinDeep(target, source) {
  for (var key in source) copy.call(target, source[key], key);
  return target;
}
module.exports = mixinDeep;`,
    },
    {
      name: 'set by path exported through a UMD wrapper, skipping keys the object does not own',
      threatModel: 'library',
      code: `(function (root, factory) {
  if (typeof module === 'object' && typeof module.exports === 'object') module.exports = factory();
  else root.objectPath = factory();
})(this, function () {
  function set(obj, path, value) {
    if (typeof path === 'string') return set(obj, path.split('.'), value);
    var key = path[0];
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return obj;
    if (path.length === 1) {
      obj[key] = value;
      return obj;
    }
    if (obj[key] === undefined) obj[key] = {};
    return set(obj[key], path.slice(1), value);
  }
  return { set: set };
});`,
    },
    {
      name: 'set by path refusing the prototype keys in a switch without default',
      threatModel: 'library',
      code: `exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    switch (key) {
      case '__proto__':
      case 'constructor':
      case 'prototype':
        return obj;
    }
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
    },
    {
      name: 'getter compiled by Function() from a key path (reads, assigns nothing)',
      threatModel: 'library',
      code: `module.exports = {
  getter: function (path) {
    return new Function('data', 'return data.' + path);
  },
};`,
    },
    {
      name: 'setter compiled by Function() from a key path that refuses the prototype keys anywhere in the path',
      threatModel: 'library',
      code: `function expr(expression, param) {
  if (expression && expression.charAt(0) !== '[') expression = '.' + expression;
  return new Array(expression.length + 1).join('') + param + expression;
}
module.exports = {
  setter: function (path) {
    if (path.indexOf('__proto__') !== -1 || path.indexOf('constructor') !== -1 || path.indexOf('prototype') !== -1) {
      return function (obj) { return obj; };
    }
    return new Function('data, value', expr(path, 'data') + ' = value');
  },
};`,
    },
    {
      name: 'set by path refusing parts[i] through a user predicate before walking parts[i]',
      threatModel: 'library',
      code: `function isSafeKey(key) {
  return key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}
exports.set = function set(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isSafeKey(parts[i])) return obj;
    cur = cur[parts[i]] = cur[parts[i]] || {};
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
};`,
    },
    {
      name: 'set by path whose cursor moves inside a forEach callback onto the last element of a fresh array',
      threatModel: 'library',
      code: `function sanitizeKey(key) {
  if (key === '__proto__') return '___proto___';
  return key;
}
module.exports = function setKey(obj, path, value) {
  var keys = path.split('.');
  var o = obj;
  keys.slice(0, -1).forEach(function (key) {
    key = sanitizeKey(key);
    if (o[key] === undefined) o[key] = {};
    if (typeof o[key] !== 'object' || Array.isArray(o[key])) {
      if (Array.isArray(o[key])) o[key].push({});
      else o[key] = [o[key], {}];
      o = o[key][o[key].length - 1];
    } else {
      o = o[key];
    }
  });
  var key = sanitizeKey(keys[keys.length - 1]);
  o[key] = value;
};`,
    },
    {
      name: 'deep merge of rest-parameter sources skipping the three prototype keys',
      threatModel: 'library',
      code: `module.exports = function merge(target, ...sources) {
  sources.forEach((source) => {
    Object.keys(source).forEach((key) => {
      if (key === "__proto__" || key === "constructor" || key === "prototype") return;
      const value = source[key];
      if (typeof value === 'object' && value !== null) target[key] = merge(target[key] || {}, value);
      else target[key] = value;
    });
  });
  return target;
};`,
    },
    {
      name: 'variadic override over nested forEach callbacks returning early on the three prototype keys',
      threatModel: 'library',
      code: `function override(...rawArgs) {
  if (rawArgs.length < 1 || typeof rawArgs[0] !== 'object') return false;
  if (rawArgs.length < 2) return rawArgs[0];
  const target = rawArgs[0];
  const args = Array.prototype.slice.call(rawArgs, 1);
  let val, src;
  args.forEach(obj => {
    if (typeof obj !== 'object') return;
    if (Array.isArray(obj)) {
      obj.forEach((_, index) => {
        src = target[index];
        val = obj[index];
        if (val === target) {
        } else if (typeof val !== 'object' || val === null) {
          target[index] = val;
        } else if (typeof src !== 'object' || src === null) {
          if (Array.isArray(val)) {
            target[index] = override([], val);
          } else {
            target[index] = override({}, val);
          }
        } else {
          target[index] = override(src, val);
        }
        return;
      });
    } else {
      Object.keys(obj).forEach(key => {
        if (key == '__proto__' || key == 'constructor' || key == 'prototype') return;
        src = target[key];
        val = obj[key];
        if (val === target) {
        } else if (typeof val !== 'object' || val === null) {
          target[key] = val;
        } else if (typeof src !== 'object' || src === null) {
          if (Array.isArray(val)) {
            target[key] = override([], val);
          } else {
            target[key] = override({}, val);
          }
        } else {
          target[key] = override(src, val);
        }
        return;
      });
    }
  });
  return target;
}

module.exports = override;`,
    },
    {
      name: 'key-path apply in a forEach callback that descends only into own properties of the cursor',
      threatModel: 'library',
      code: `exports.applyChanges = function applyChanges(changes, target) {
  changes.forEach(function (change) {
    var ptr = target;
    var len = change.key.length;
    change.key.forEach(function (prop, i) {
      if (!(prop in ptr)) ptr[prop] = {};
      if (i < len - 1 && ptr.hasOwnProperty(prop)) ptr = ptr[prop];
      else ptr[prop] = change.value;
    });
  });
  return target;
};`,
    },
  ],
  invalid: [
    {
      name: 'deep merge whose only full guard is hasOwn on the SOURCE it enumerates (a JSON.parse `constructor` key is own)',
      threatModel: 'library',
      code: `function hasOwn(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
module.exports = function merge(target, obj) {
  for (var key in obj) {
    if (key === '__proto__' || !hasOwn(obj, key)) continue;
    var oldVal = obj[key];
    var newVal = target[key];
    if (newVal && oldVal) target[key] = merge(newVal, oldVal);
    else target[key] = oldVal;
  }
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 10, column: 10 }],
    },
    {
      name: 'deep set over Object.keys of the source with an inline hasOwnProperty.call on that source',
      threatModel: 'library',
      code: `module.exports = function deepAssign(target, source) {
  var keys = Object.keys(source);
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    if (typeof source[key] === 'object') deepAssign(target[key] = target[key] || {}, source[key]);
    else target[key] = source[key];
  }
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 6, column: 53 }],
    },
    {
      name: 'reduce over path parts guarded on the first part only (parts[0] is not the element k)',
      threatModel: 'library',
      code: `const proto = ['__proto__', 'constructor', 'prototype'];
module.exports = function unflatten(obj) {
  const result = {};
  Object.keys(obj).forEach((key) => {
    const parts = key.split('.');
    parts.reduce((o, k, i) => {
      if (proto.includes(parts[0])) return o;
      return o[k] || (o[k] = parts.length - 1 === i ? obj[key] : {});
    }, result);
  });
  return result;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 8, column: 23 }],
    },
    {
      name: 'recursion through forEach callbacks over Array.prototype.slice.call(arguments) (the callback applies the finished summary)',
      threatModel: 'library',
      code: `module.exports = function deepExtend() {
  var target = arguments[0];
  var args = Array.prototype.slice.call(arguments, 1);
  args.forEach(function (obj) {
    Object.keys(obj).forEach(function (key) {
      var src = target[key];
      var val = obj[key];
      if (typeof val !== 'object' || val === null) target[key] = val;
      else target[key] = deepExtend(typeof src === 'object' && src !== null ? src : {}, val);
    });
  });
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 8, column: 52 }],
    },
    {
      name: 'cache field created as a plain object: locale __proto__ makes the cache entry Object.prototype',
      threatModel: 'library',
      code: `function Store(opts) {
  this.locale = opts.locale;
  this.cache = {};
}
Store.prototype.reset = function () { this.cache = Object.create(null); };
Store.prototype.update = function (obj) {
  if (!this.cache[this.locale]) this.cache[this.locale] = {};
  for (var key in obj) this.cache[this.locale][key] = obj[key];
};
module.exports = function (opts) { return new Store(opts); };`,
      errors: [{ messageId: 'pollutedWrite', line: 8, column: 24 }],
    },
    {
      name: 'jQuery-style extend over `arguments` (deep copy recurses into target[__proto__])',
      threatModel: 'library',
      code: `module.exports = function extend() {
  var target = arguments[0];
  for (var i = 1; i < arguments.length; i++) {
    var options = arguments[i];
    for (var name in options) {
      var src = target[name];
      var copy = options[name];
      if (copy && typeof copy === 'object') target[name] = extend(src && typeof src === 'object' ? src : {}, copy);
      else target[name] = copy;
    }
  }
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 9, column: 12 }],
    },
    {
      name: 'recursion only into object targets but no __proto__ guard (Object.prototype is an object); reported at the write of the value, not of the copy',
      threatModel: 'library',
      code: `exports.merge = function merge(target, source) {
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; ++i) {
    const key = keys[i];
    const value = source[key];
    if (value && typeof value === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = Object.assign({}, value);
      else merge(target[key], value);
    } else target[key] = value;
  }
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 9, column: 12 }],
    },
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
    {
      name: 'JSON-pointer walk whose segment check is not the element read next (pointer[p] checked, pointer[p] read after p++)',
      threatModel: 'library',
      code: `exports.set = function set(obj, pointer, value) {
  var part;
  for (var p = 0, len = pointer.length; p < len;) {
    if (pointer[p] === 'constructor' || pointer[p] === 'prototype' || pointer[p] === '__proto__') return obj;
    p++;
    part = pointer[p];
    if (len === p + 1) break;
    if (typeof obj[part] === 'undefined') obj[part] = {};
    obj = obj[part];
  }
  obj[part] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 11, column: 3 }],
    },
    {
      name: 'JSON-pointer walk checking each segment only on one branch',
      threatModel: 'library',
      code: `exports.set = function set(obj, pointer, value, strict) {
  var part;
  for (var p = 1, len = pointer.length; p < len;) {
    if (strict) {
      if (pointer[p] === 'constructor' || pointer[p] === 'prototype' || pointer[p] === '__proto__') return obj;
    }
    part = pointer[p++];
    if (Array.isArray(obj) && part === '-') part = obj.length;
    if (len === p) break;
    if (typeof obj[part] === 'undefined') obj[part] = {};
    obj = obj[part];
  }
  obj[part] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 13, column: 3 }],
    },
    {
      name: 'set by path checking only the last part (parts[i] walked unchecked)',
      threatModel: 'library',
      code: `exports.set = function set(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = parts[i];
    cur = cur[next] = cur[next] || {};
  }
  const last = parts.length - 1;
  if (parts[last] === '__proto__' || parts[last] === 'constructor' || parts[last] === 'prototype') return obj;
  cur[parts[last]] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 6, column: 11 }],
    },
    {
      name: 'helper that throws only after a way out, one that warns instead of throwing, an async one not awaited',
      threatModel: 'library',
      code: `function checkKey(key, loose) {
  if (loose) return;
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error('Unsafe key');
}
function warnKey(key) {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') console.warn('Unsafe key');
}
async function rejectKey(key) {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error('Unsafe key');
}
exports.set = function set(obj, path, value, loose) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    checkKey(key, loose);
    warnKey(key);
    rejectKey(key);
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 19, column: 11 }],
    },
    {
      name: 'deep mixin of every argument through the for-in helper with a callback bound to the target and only a __proto__ guard',
      threatModel: 'library',
      code: `var forIn = require('for-in');
function copy(val, key) {
  if (key === '__proto__') return;
  var obj = this[key];
  if (val && obj) mixinDeep(obj, val);
  else this[key] = val;
}
function mixinDeep(target) {
  for (var i = 1; i < arguments.length; i++) forIn(arguments[i], copy, target);
  return target;
}
module.exports = mixinDeep;`,
      errors: [{ messageId: 'pollutedWrite', line: 6, column: 8 }],
    },
    {
      name: 'deep mixin through fn.apply(target, [...]) in two mutually recursive functions without a guard',
      threatModel: 'library',
      code: `function copy(val, key) {
  var obj = this[key];
  if (val && obj) mixinDeep(obj, val);
  else this[key] = val;
}
function mixinDeep(target, source) {
  for (var key in source) copy.apply(target, [source[key], key]);
  return target;
}
module.exports = mixinDeep;`,
      errors: [{ messageId: 'pollutedWrite', line: 4, column: 8 }],
    },
    {
      name: 'set by path exported through a UMD wrapper (module.exports = factory() inside the wrapper)',
      threatModel: 'library',
      code: `(function (root, factory) {
  if (typeof module === 'object' && typeof module.exports === 'object') module.exports = factory();
  else root.objectPath = factory();
})(this, function () {
  function set(obj, path, value) {
    if (typeof path === 'string') return set(obj, path.split('.'), value);
    var key = path[0];
    if (path.length === 1) {
      obj[key] = value;
      return obj;
    }
    if (obj[key] === undefined) obj[key] = {};
    return set(obj[key], path.slice(1), value);
  }
  return { set: set };
});`,
      errors: [{ messageId: 'pollutedWrite', line: 9, column: 7 }],
    },
    {
      name: 'switch refusing __proto__ only (bypassed through constructor.prototype)',
      threatModel: 'library',
      code: `exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    switch (key) {
      case '__proto__':
        return obj;
    }
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 10, column: 11 }],
    },
    {
      name: 'switch whose prototype-key case only breaks out of the switch',
      threatModel: 'library',
      code: `exports.set = function set(obj, path, value) {
  const keys = path.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    switch (key) {
      case '__proto__':
        console.warn('prototype key');
        break;
      case 'constructor':
        console.warn('prototype key');
        break;
      case 'prototype':
        console.warn('prototype key');
        break;
    }
    cur = cur[key] = cur[key] || {};
  }
  cur[keys[keys.length - 1]] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 17, column: 11 }],
    },
    {
      name: 'setter compiled by Function() from a key path, in a module the package lists in files beside main',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{"name":"expr","main":"index.js","files":["index.js","compiler.js"]}' },
        { path: 'index.js', code: 'module.exports = {};' },
        {
          path: 'compiler.js',
          code: `function expr(expression, param) {
  if (expression && expression.charAt(0) !== '[') expression = '.' + expression;
  return param + expression;
}
module.exports = {
  setter: function (path) {
    return new Function('data, value', expr(path, 'data') + ' = value');
  },
};`,
        },
      ],
      errors: [{ messageId: 'pollutedWrite', line: 7, column: 12, file: 'compiler.js' }],
    },
    {
      name: 'set by path whose user predicate checks parts[i] but the walk reads parts[j]',
      threatModel: 'library',
      code: `function isSafeKey(key) {
  return key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}
exports.set = function set(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  for (let i = 0, j = 0; i < parts.length - 1; i++, j++) {
    if (!isSafeKey(parts[i])) return obj;
    cur = cur[parts[j]] = cur[parts[j]] || {};
  }
  cur[parts[parts.length - 1]] = value;
  return obj;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 9, column: 11 }],
    },
    {
      name: 'set by path whose cursor moves inside a forEach callback (o = o[key] in a closure)',
      threatModel: 'library',
      code: `module.exports = function setKey(obj, path, value) {
  var keys = path.split('.');
  var o = obj;
  keys.slice(0, -1).forEach(function (key) {
    if (o[key] === undefined) o[key] = {};
    o = o[key];
  });
  var key = keys[keys.length - 1];
  o[key] = value;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 9, column: 3 }],
    },
    {
      name: 'deep merge of the sources of a rest parameter (`...sources`)',
      threatModel: 'library',
      code: `module.exports = function merge(target, ...sources) {
  sources.forEach((source) => {
    Object.keys(source).forEach((key) => {
      const value = source[key];
      if (typeof value === 'object' && value !== null) target[key] = merge(target[key] || {}, value);
      else target[key] = value;
    });
  });
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 6, column: 12 }],
    },
    {
      name: 'variadic override whose array and object branches recurse from nested forEach callbacks (the value write is reported)',
      threatModel: 'library',
      code: `function override(...rawArgs) {
  if (rawArgs.length < 1 || typeof rawArgs[0] !== 'object') return false;
  if (rawArgs.length < 2) return rawArgs[0];
  const target = rawArgs[0];
  const args = Array.prototype.slice.call(rawArgs, 1);
  let val, src;
  args.forEach(obj => {
    if (typeof obj !== 'object') return;
    if (Array.isArray(obj)) {
      obj.forEach((_, index) => {
        src = target[index];
        val = obj[index];
        if (val === target) {
        } else if (typeof val !== 'object' || val === null) {
          target[index] = val;
        } else if (typeof src !== 'object' || src === null) {
          if (Array.isArray(val)) {
            target[index] = override([], val);
          } else {
            target[index] = override({}, val);
          }
        } else {
          target[index] = override(src, val);
        }
        return;
      });
    } else {
      Object.keys(obj).forEach(key => {
        src = target[key];
        val = obj[key];
        if (val === target) {
        } else if (typeof val !== 'object' || val === null) {
          target[key] = val;
        } else if (typeof src !== 'object' || src === null) {
          if (Array.isArray(val)) {
            target[key] = override([], val);
          } else {
            target[key] = override({}, val);
          }
        } else {
          target[key] = override(src, val);
        }
        return;
      });
    }
  });
  return target;
}

module.exports = override;`,
      errors: [{ messageId: 'pollutedWrite', line: 33, column: 11 }],
    },
    {
      name: 'key-path apply in a forEach callback that creates missing levels (ptr[prop] = {}) before moving its cursor',
      threatModel: 'library',
      code: `exports.applyChanges = function applyChanges(changes, target) {
  changes.forEach(function (change) {
    var ptr = target;
    var len = change.key.length;
    change.key.forEach(function (prop, i) {
      if (!(prop in ptr)) ptr[prop] = {};
      if (i < len - 1) ptr = ptr[prop];
      else ptr[prop] = change.value;
    });
  });
  return target;
};`,
      errors: [{ messageId: 'pollutedWrite', line: 8, column: 12 }],
    },
  ],
});
