'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const serialize = require('node-serialize');

const DEFAULT_PREFERENCES = { theme: 'light', language: 'en' };

function loadPreferences(cookieValue) {
  if (!cookieValue) {
    return { ...DEFAULT_PREFERENCES };
  }
  return serialize.unserialize(cookieValue);
}

function loadPreferencesSafe(cookieValue) {
  if (!cookieValue) {
    return { ...DEFAULT_PREFERENCES };
  }
  const parsed = JSON.parse(cookieValue);
  return { theme: String(parsed.theme), language: String(parsed.language) };
}

module.exports = { loadPreferences, loadPreferencesSafe };
