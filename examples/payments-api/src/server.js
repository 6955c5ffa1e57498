'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const express = require('express');
const cookieParser = require('cookie-parser');

const config = require('./config');
const { loadPreferences, loadPreferencesSafe } = require('./lib/session');
const { adminRouter } = require('./routes/admin');
const { authRouter } = require('./routes/auth');
const { reportsRouter } = require('./routes/reports');
const { settingsRouter } = require('./routes/settings');
const { statementsRouter } = require('./routes/statements');
const { transfersRouter } = require('./routes/transfers');

const ALLOWED_RETURN_PATHS = ['/dashboard', '/transfers', '/statements', '/settings'];

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '100kb' }));
app.use(cookieParser());

function tagRequest(req, res, next) {
  const requestId = Math.random().toString(36).slice(2, 10);
  res.set('X-Request-Id', requestId);
  next();
}

function continueAfterLogin(req, res) {
  res.redirect(req.query.returnTo);
}

function continueAfterLoginSafe(req, res) {
  const returnTo = req.query.returnTo;
  if (ALLOWED_RETURN_PATHS.includes(returnTo)) {
    return res.redirect(returnTo);
  }
  return res.redirect('/dashboard');
}

function readPreferences(req, res) {
  const preferences = loadPreferences(req.cookies.preferences);
  res.json({ theme: preferences.theme, language: preferences.language });
}

function readPreferencesSafe(req, res) {
  const preferences = loadPreferencesSafe(req.cookies.preferences);
  res.json({ theme: preferences.theme, language: preferences.language });
}

app.use(tagRequest);
app.get('/login/continue', continueAfterLogin);
app.get('/login/continue-safe', continueAfterLoginSafe);
app.get('/preferences', readPreferences);
app.get('/preferences-safe', readPreferencesSafe);
app.use('/api', transfersRouter);
app.use('/api', statementsRouter);
app.use('/api', reportsRouter);
app.use('/api', settingsRouter);
app.use('/api', authRouter);
app.use('/admin', adminRouter);

app.listen(config.port, () => {
  console.log(`payments-api listening on port ${config.port}`);
});
