import type { LibraryModel, PropagatorModel } from '../../core/index.js';

/** `forIn(obj, fn, thisArg)` / `forOwn(...)` call `fn.call(thisArg, obj[key], key, obj)` for each (own) enumerable key: values, keys and `this`. */
function iterationOf(module: string): PropagatorModel[] {
  const root = { module };
  return [
    { root, path: '', from: 'Argument[0].AnyMember', to: 'Argument[1].Parameter[0]' },
    { root, path: '', from: 'Argument[0]', to: 'Argument[1].Parameter[1]' },
    { root, path: '', from: 'Argument[2]', to: 'Argument[1].Receiver' },
  ];
}

/** The `for-in` and `for-own` iteration helpers: values, keys and the chosen `this` reach the callback. */
export const forInModel: LibraryModel = {
  id: 'for-in',
  description: 'for-in and for-own: the callback gets each value and key of the object, with `this` bound to the third argument',
  propagators: [...iterationOf('for-in'), ...iterationOf('for-own')],
};
