/**
 * Source of a minimal PostgreSQL wire-protocol server backed by PGlite (a real embedded PostgreSQL), for
 * application witnesses: the app's `pg` client connects to it on loopback inside the sandbox. It speaks
 * the startup handshake (no auth, no TLS), simple queries and the extended protocol with text values.
 *
 * Missing tables and columns are created on the fly (text columns, one default row), so handlers that
 * read a row before reaching their sink can run against an empty database. Every error is recorded.
 */
export const PG_WIRE_RUNTIME = String.raw`
function startPgWire(PGlite, onError) {
  const net = require('net');
  // PGlite starts on the first query: apps that never reach the database do not pay its start-up.
  let instance = null;
  function database() {
    // A data folder made once on the host skips initdb, the slow part of the start.
    const snapshot = path.join(path.dirname(CONFIG.pglite), 'pgdata.tar');
    if (instance === null) instance = fs.existsSync(snapshot) ? new PGlite({ loadDataDir: new Blob([fs.readFileSync(snapshot)]) }) : new PGlite();
    return instance;
  }
  const created = new Set();
  function int32(n) { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; }
  function int16(n) { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; }
  function msg(type, body) { return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]); }
  function cstr(s) { return Buffer.concat([Buffer.from(String(s)), Buffer.from([0])]); }
  function ready() { return msg('Z', Buffer.from('I')); }
  function errorMsg(e) {
    return msg('E', Buffer.concat([Buffer.from('S'), cstr('ERROR'), Buffer.from('C'), cstr(e.code || 'XX000'), Buffer.from('M'), cstr(e.message || String(e)), Buffer.from([0])]));
  }
  function rowDesc(fields) {
    const parts = [int16(fields.length)];
    for (const f of fields) parts.push(cstr(f.name), int32(0), int16(0), int32(25), int16(-1), int32(-1), int16(0));
    return msg('T', Buffer.concat(parts));
  }
  function dataRow(fields, row) {
    const parts = [int16(fields.length)];
    for (const f of fields) {
      const v = row[f.name];
      if (v === null || v === undefined) { parts.push(int32(-1)); continue; }
      const b = Buffer.from(typeof v === 'object' ? JSON.stringify(v) : String(v));
      parts.push(int32(b.length), b);
    }
    return msg('D', Buffer.concat(parts));
  }
  function tablesOf(sql) {
    const out = [];
    const re = /\b(?:from|join|into|update)\s+("?)([A-Za-z_][\w]*)\1/gi;
    let m;
    while ((m = re.exec(sql)) !== null) if (out.indexOf(m[2].toLowerCase()) === -1) out.push(m[2].toLowerCase());
    return out;
  }
  async function heal(sql, e) {
    const message = String(e && e.message);
    let m = /relation "([\w]+)" does not exist/.exec(message);
    if (m && !created.has(m[1])) { created.add(m[1]); await database().exec('create table "' + m[1] + '" ()'); return true; }
    m = /column "([\w]+)" of relation "([\w]+)" does not exist/.exec(message) || /column "?(?:[\w]+\.)?([\w]+)"? does not exist/.exec(message);
    if (m) {
      const table = m[2] || tablesOf(sql).find(function (t) { return created.has(t); });
      if (!table || !created.has(table)) return false;
      await database().exec('alter table "' + table + '" add column "' + m[1] + '" text default \'1\'');
      const count = await database().query('select count(*)::int as n from "' + table + '"');
      if (count.rows[0].n === 0) await database().exec('insert into "' + table + '" default values');
      return true;
    }
    return false;
  }
  async function run(sql, params) {
    for (let attempt = 0; attempt < 24; attempt++) {
      try {
        return params ? await database().query(sql, params) : (await database().exec(sql)).slice(-1)[0];
      } catch (e) {
        if (attempt < 23 && await heal(sql, e)) continue;
        onError(sql, e);
        throw e;
      }
    }
  }
  function respond(result, describe) {
    const out = [];
    const fields = (result && result.fields) || [];
    if (describe) out.push(fields.length ? rowDesc(fields) : msg('n', Buffer.alloc(0)));
    for (const row of (result && result.rows) || []) out.push(dataRow(fields, row));
    out.push(msg('C', cstr('SELECT ' + (((result && result.rows) || []).length))));
    return out;
  }
  function serve(socket) {
    let buffer = Buffer.alloc(0);
    let started = false;
    let statements = {};
    let portal = null;
    let failed = false;
    let chain = Promise.resolve();
    socket.on('error', function () {});
    socket.on('data', function (chunk) {
      buffer = Buffer.concat([buffer, chunk]);
      chain = chain.then(pump);
    });
    async function pump() {
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(len);
          if (code === 80877103) { socket.write('N'); continue; }
          started = true;
          socket.write(Buffer.concat([msg('R', int32(0)), msg('S', Buffer.concat([cstr('server_version'), cstr('16.0')])),
            msg('S', Buffer.concat([cstr('client_encoding'), cstr('UTF8')])), msg('K', Buffer.concat([int32(1), int32(1)])), ready()]));
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]);
        const len = buffer.readInt32BE(1);
        if (buffer.length < len + 1) return;
        const body = buffer.subarray(5, len + 1);
        buffer = buffer.subarray(len + 1);
        await handle(type, body);
      }
    }
    function readCStr(body, at) { const end = body.indexOf(0, at); return [body.toString('utf8', at, end), end + 1]; }
    async function handle(type, body) {
      if (type === 'X') { socket.end(); return; }
      if (type === 'Q') {
        const sql = readCStr(body, 0)[0];
        try { socket.write(Buffer.concat(respond(await run(sql), true).concat([ready()]))); }
        catch (e) { socket.write(Buffer.concat([errorMsg(e), ready()])); }
        return;
      }
      if (type === 'S') { failed = false; socket.write(ready()); return; }
      if (failed) return;
      if (type === 'P') {
        const a = readCStr(body, 0); const b = readCStr(body, a[1]);
        statements[a[0]] = b[0];
        socket.write(msg('1', Buffer.alloc(0)));
        return;
      }
      if (type === 'B') {
        const a = readCStr(body, 0); const b = readCStr(body, a[1]);
        let at = b[1];
        const nFormats = body.readInt16BE(at); at += 2 + 2 * nFormats;
        const nParams = body.readInt16BE(at); at += 2;
        const params = [];
        for (let i = 0; i < nParams; i++) {
          const l = body.readInt32BE(at); at += 4;
          if (l === -1) { params.push(null); continue; }
          params.push(body.toString('utf8', at, at + l)); at += l;
        }
        portal = { sql: statements[b[0]], params: params, result: null, described: false };
        socket.write(msg('2', Buffer.alloc(0)));
        return;
      }
      if (type === 'D') {
        if (portal) {
          try { portal.result = await run(portal.sql, portal.params); portal.described = true; socket.write(respond(portal.result, true)[0]); }
          catch (e) { failed = true; socket.write(errorMsg(e)); }
        } else { socket.write(msg('n', Buffer.alloc(0))); }
        return;
      }
      if (type === 'E') {
        if (!portal) return;
        try {
          const result = portal.result || await run(portal.sql, portal.params);
          socket.write(Buffer.concat(respond(result, false)));
        } catch (e) { failed = true; socket.write(errorMsg(e)); }
        portal = null;
        return;
      }
    }
  }
  return new Promise(function (resolve) {
    const server = net.createServer(serve);
    server.listen(0, '127.0.0.1', function () { resolve({ port: server.address().port, server: server }); });
  });
}
`;
