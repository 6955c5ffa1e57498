import { runRuleTests } from '../test-support/rule-tester.js';
import { pathTraversal } from './path-traversal.js';

runRuleTests(pathTraversal, {
  valid: [
    {
      name: 'basename',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => { res.send(fs.readFileSync(path.join('/srv/files', path.basename(req.query.name)))); });`,
    },
    {
      name: 'resolve and startsWith guard',
      code: `const fs = require('fs');
const path = require('path');
const ROOT = '/srv/files/';
const app = require('express')();
app.get('/f', (req, res) => {
  const full = path.resolve(ROOT, req.query.name);
  if (!full.startsWith(ROOT)) return res.sendStatus(403);
  res.send(fs.readFileSync(full));
});`,
    },
    {
      name: 'sendFile with a root option',
      code: `const app = require('express')();
app.get('/f', (req, res) => { res.sendFile(req.params.name, { root: '/srv/files' }); });`,
    },
    {
      name: 'library reads the file and writes below the directory its caller names',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
exports.copy = function copy(file, outDir, opts) {
  const data = fs.readFileSync(file);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'copy.bin'), data);
  fs.writeFileSync(\`\${opts.dir}/index.json\`, '{}');
};`,
    },
    {
      name: 'tar entry names normalised by join("/", name) below the output directory',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const tar = require('tar-stream');
module.exports = function extract(cwd) {
  const ex = tar.extract();
  ex.on('entry', (header, stream, next) => {
    const name = path.join(cwd, path.join('/', header.name));
    stream.pipe(fs.createWriteStream(name));
  });
  return ex;
};`,
    },
    {
      name: 'symlink target resolved and checked against the output directory (zip slip fix)',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const tar = require('tar-stream');
module.exports = function extract(cwd) {
  const ex = tar.extract();
  ex.on('entry', function (header, stream, next) {
    const name = path.join(cwd, path.join('/', header.name));
    const dst = path.resolve(path.dirname(name), header.linkname);
    if (!dst.startsWith(path.resolve(cwd))) return next(new Error(name + ' is not a valid symlink'));
    fs.symlink(header.linkname, name, next);
  });
  return ex;
};`,
    },
    {
      name: 'zip entry checked with resolve + startsWith before it is written',
      threatModel: 'library',
      code: `const fs = require('fs');
const pth = require('path');
const AdmZip = require('adm-zip');
exports.unpack = function unpack(file, targetPath) {
  for (const entry of new AdmZip(file).getEntries()) {
    const entryName = entry.entryName.toString();
    const target = pth.resolve(targetPath, entryName);
    if (!target.startsWith(pth.resolve(targetPath))) throw new Error('invalid file name: ' + entryName);
    fs.writeFileSync(target, entry.getData());
  }
};`,
    },
    {
      name: 'file handle opened only under the confinement check; later use is behind a truthiness test of it',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
exports.open = async function open(root, name) {
  const full = path.join(root, name);
  let handle = null;
  if (full.startsWith(root + path.sep)) handle = await fs.promises.open(full);
  if (!handle) throw new Error('not found');
  return fs.createReadStream(full);
};`,
    },
    {
      name: 'path.relative from the root does not climb, checked before the write',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const tar = require('tar-stream');
module.exports = function extract(cwd) {
  const ex = tar.extract();
  ex.on('entry', (header, stream, next) => {
    const target = path.resolve(cwd, header.name);
    const rel = path.relative(cwd, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return next(new Error('outside: ' + header.name));
    stream.pipe(fs.createWriteStream(target));
  });
  return ex;
};`,
    },
    {
      name: 'entry names containing .. refused before they are joined',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
exports.unzip = function unzip(dir) {
  return unzipper.Parse().on('entry', (entry) => {
    if (entry.path.indexOf('..') !== -1) return entry.autodrain();
    entry.pipe(fs.createWriteStream(path.join(dir, entry.path)));
  });
};`,
    },
    {
      name: 'static server streams through a returned closure only when the confined-path check held',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
function streamer(res, filePath) {
  return function send(status, start, end) {
    res.statusCode = status;
    fs.createReadStream(filePath, { start, end }).pipe(res);
  };
}
module.exports = async function serve(req, res, options = {}) {
  const base = path.resolve(options.root || '.');
  const filePath = path.join(base, decodeURIComponent(req.url));
  let file;
  if (filePath.startsWith(base)) {
    file = await fs.promises.stat(filePath);
  }
  if (!file) {
    res.statusCode = 404;
    res.end();
  } else {
    const send = streamer(res, filePath);
    send(200);
  }
};`,
    },
    {
      name: 'library writes through promisified fs only at the path its caller names',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const pify = require('pify');
const { promisify } = require('util');
const fsP = pify(fs);
const write = promisify(fs.writeFile);
exports.save = function save(file, data) {
  return fsP.writeFile(file, data).then(() => write(file + '.bak', data));
};`,
    },
    {
      name: 'an earlier then callback throws unless the destination is inside the root',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return Promise.resolve(root)
    .then(() => { if (!dest.startsWith(root + path.sep)) throw new Error('outside ' + dest); })
    .then(() => fs.promises.mkdir(root, { recursive: true }))
    .then(() => fs.promises.writeFile(dest, entry.data));
};`,
    },
    {
      name: 'an awaited then callback throws unless the destination is inside the root',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'out');
exports.extract = async function extract(entry) {
  const dest = path.join(root, entry.path);
  await fs.promises.realpath(root).then((real) => { if (!dest.startsWith(root + path.sep)) throw new Error('outside ' + real); });
  await fs.promises.writeFile(dest, entry.data);
};`,
    },
    {
      name: 'library packs the names its caller lists below the directory its caller names',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
exports.pack = function pack(cwd, opts) {
  const queue = (opts && opts.entries) || ['.'];
  const out = [];
  while (queue.length) out.push(fs.readFileSync(path.join(cwd, queue.shift())));
  return out;
};`,
    },
    {
      name: 'a helper closure joins the caller-named directory and the caller-listed names',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
function statAll(cwd, entries) {
  return function loop(cb) {
    const next = entries.shift();
    fs.lstat(path.join(cwd, next), cb);
  };
}
function under(base, name) {
  return path.join(base, name);
}
exports.pack = function pack(cwd, opts) {
  statAll(cwd, opts.entries)(() => {});
  return fs.createReadStream(under(cwd, opts.entries[0]));
};`,
    },
    {
      name: 'a then callback resolves only once the promise it returns checked the real directory of the destination',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const path = require('path');
const pify = require('pify');
const fsP = pify(fs);
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return fsP.realpath(root)
    .then((realRoot) => {
      return fsP.realpath(path.dirname(dest)).then((realDir) => {
        if (realDir.indexOf(realRoot) !== 0) throw new Error('outside ' + realDir);
      });
    })
    .then(() => fsP.writeFile(dest, entry.data));
};`,
    },
    {
      name: 'indexOf(root) === 0 checked before the read',
      code: `const fs = require('fs');
const path = require('path');
const ROOT = '/srv/files/';
const app = require('express')();
app.get('/f', (req, res) => {
  const full = path.resolve(ROOT, req.query.name);
  if (full.indexOf(ROOT) !== 0) return res.sendStatus(403);
  res.send(fs.readFileSync(full));
});`,
    },
    {
      name: 'realpath and readlink of a caller name below the library directory read no file',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
exports.resolve = function resolve(name) {
  const p = path.join(__dirname, 'data', name);
  return [fs.realpathSync(p), fs.readlinkSync(p)];
};`,
    },
    {
      name: 'every .. segment of the name replaced before it is joined',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => {
  const name = req.query.name.replace(/(?<=^|[/\\\\]+)[.][.]+(?=[/\\\\]+|$)/g, '.');
  res.send(fs.readFileSync(path.join('/srv/files', name)));
});`,
    },
  ],
  invalid: [
    {
      name: 'static server streams the decoded URL path through a returned closure',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
function streamer(res, filePath) {
  return function send(status, start, end) {
    res.statusCode = status;
    fs.createReadStream(filePath, { start, end }).pipe(res);
  };
}
module.exports = async function serve(req, res, options = {}) {
  const base = path.resolve(options.root || '.');
  const filePath = path.join(base, decodeURIComponent(req.url));
  let file;
  file = await fs.promises.stat(filePath).catch(() => undefined);
  if (!file) {
    res.statusCode = 404;
    res.end();
  } else {
    const send = streamer(res, filePath);
    send(200);
  }
};`,
      // The stat of the path and the read stream in the closure the helper returned.
      errors: [
        { messageId: 'taintedPath', line: 6, column: 5 },
        { messageId: 'taintedPath', line: 13, column: 16 },
      ],
    },
    {
      name: 'readFile of a joined query path',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => {
  fs.readFile(path.join(__dirname, 'public', req.query.file), (err, data) => res.send(data));
});`,
      errors: [{ messageId: 'taintedPath', line: 5, column: 3 }],
    },
    {
      name: 'fs/promises through an alias',
      code: `import { readFile as rf } from 'node:fs/promises';
import express from 'express';
const app = express();
app.get('/f', async (req, res) => {
  const name = req.params.name;
  res.send(await rf('/data/' + name));
});`,
      errors: [{ messageId: 'taintedPath', line: 6, column: 18 }],
    },
    {
      name: 'sendFile without root',
      code: `const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => { res.sendFile(path.join(__dirname, req.query.f)); });`,
      errors: [{ messageId: 'taintedPath', line: 3, column: 31 }],
    },
    {
      name: 'static server on raw http',
      code: `const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  fs.createReadStream('./public' + req.url).pipe(res);
}).listen(8080);`,
      errors: [{ messageId: 'taintedPath', line: 4, column: 3 }],
    },
    {
      name: 'library joins a name its caller passes below its own directory',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
module.exports = function readTemplate(name) {
  return fs.readFileSync(path.join(__dirname, 'templates', name + '.html'), 'utf8');
};`,
      errors: [{ messageId: 'taintedPath', line: 4, column: 10 }],
    },
    {
      name: 'tar symlink target written as is (zip slip through a link)',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const tar = require('tar-stream');
module.exports = function extract(cwd) {
  const ex = tar.extract();
  ex.on('entry', function (header, stream, next) {
    const name = path.join(cwd, path.join('/', header.name));
    fs.symlink(header.linkname, name, next);
  });
  return ex;
};`,
      errors: [{ messageId: 'taintedPath', line: 8, column: 5 }],
    },
    {
      name: 'startsWith("..") on the entry name itself is no confinement (a/../../x)',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
exports.unzip = function unzip(dir) {
  return unzipper.Parse().on('entry', (entry) => {
    if (entry.path.startsWith('..')) return entry.autodrain();
    entry.pipe(fs.createWriteStream(path.join(dir, entry.path)));
  });
};`,
      errors: [{ messageId: 'taintedPath', line: 7, column: 16 }],
    },
    {
      name: 'zip entry name resolved against the target directory without a check',
      threatModel: 'library',
      code: `const fs = require('fs');
const pth = require('path');
const AdmZip = require('adm-zip');
exports.unpack = function unpack(file, targetPath) {
  const zip = new AdmZip(file);
  zip.getEntries().forEach((entry) => {
    fs.writeFileSync(pth.resolve(targetPath, entry.entryName.toString()), entry.getData());
  });
};`,
      // Once as an adm-zip entry, once as data derived from the caller's archive file (an unmodelled constructor).
      errors: [
        { messageId: 'taintedPath', line: 7, column: 5 },
        { messageId: 'taintedPath', line: 7, column: 5 },
      ],
    },
    {
      name: 'library appends a caller name below its directory through pify(fs) and util.promisify',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const path = require('path');
const pify = require('pify');
const { promisify } = require('util');
const fsP = pify(fs);
const symlink = promisify(fs.symlink);
const output = path.join(__dirname, 'links');
exports.link = function link(name, target) {
  const dest = path.join(output, name);
  return fsP.writeFile(dest, '').then(() => symlink(target, dest));
};`,
      // The appended name reaches both writes; the link target is a whole path the caller chose.
      errors: [
        { messageId: 'taintedPath', line: 10, column: 10 },
        { messageId: 'taintedPath', line: 10, column: 45 },
      ],
    },
    {
      name: 'an earlier then callback only logs an escaping destination',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry, log) {
  const dest = path.join(root, entry.path);
  return Promise.resolve(root)
    .then(() => { if (!dest.startsWith(root + path.sep)) log('outside ' + dest); })
    .then(() => fs.promises.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 8, column: 17 }],
    },
    {
      name: 'a catch between the throwing check and the write recovers from the rejection',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return Promise.resolve(root)
    .then(() => { if (!dest.startsWith(root + path.sep)) throw new Error('outside ' + dest); })
    .catch(() => null)
    .then(() => fs.promises.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 9, column: 17 }],
    },
    {
      name: 'an earlier then callback checks another path than the one written',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  const dir = path.dirname(path.join(root, 'index'));
  return Promise.resolve(root)
    .then(() => { if (!dir.startsWith(root + path.sep)) throw new Error('outside ' + dir); })
    .then(() => fs.promises.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 9, column: 17 }],
    },
    {
      name: 'a then callback that throws on escape is not awaited before the write',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'out');
exports.extract = async function extract(entry) {
  const dest = path.join(root, entry.path);
  fs.promises.realpath(root).then((real) => { if (!dest.startsWith(root + path.sep)) throw new Error('outside ' + real); });
  await fs.promises.writeFile(dest, entry.data);
};`,
      errors: [{ messageId: 'taintedPath', line: 7, column: 9 }],
    },
    {
      name: 'a helper joins a caller name below a directory the library picks',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
function under(base, name) {
  return path.join(base, name);
}
exports.read = function read(dir, name) {
  return fs.readFileSync(under(path.join(__dirname, 'data'), name));
};`,
      errors: [{ messageId: 'taintedPath', line: 7, column: 10 }],
    },
    {
      name: 'names parsed out of the caller archive by an unresolved parser, joined below the caller directory',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
const parse = require('archive-parser');
exports.extract = function extract(input, output) {
  for (const e of parse(input)) fs.writeFileSync(path.join(output, e.name), e.data);
};`,
      errors: [{ messageId: 'taintedPath', line: 5, column: 33 }],
    },
    {
      name: 'an entry a later method call delivers, joined below the directory the constructor was given',
      threatModel: 'library',
      code: `const fs = require('fs');
const path = require('path');
class Extract {
  constructor(opts) {
    this.opts = opts;
  }
  processEntry(entry) {
    return fs.createWriteStream(path.join(this.opts.path, entry.path));
  }
}
module.exports = Extract;`,
      errors: [{ messageId: 'taintedPath', line: 8, column: 12 }],
    },
    {
      name: 'the promise a then callback returns recovers from its own failed check',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const path = require('path');
const pify = require('pify');
const fsP = pify(fs);
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return fsP.realpath(root)
    .then((realRoot) => {
      return fsP.realpath(path.dirname(dest)).then((realDir) => {
        if (realDir.indexOf(realRoot) !== 0) throw new Error('outside ' + realDir);
      }).catch(() => null);
    })
    .then(() => fsP.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 14, column: 17 }],
    },
    {
      name: 'the promise a then callback returns checks the real root, not the destination',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const path = require('path');
const pify = require('pify');
const fsP = pify(fs);
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return fsP.realpath(root)
    .then((realRoot) => {
      return fsP.realpath(root).then((realDir) => {
        if (realDir.indexOf(realRoot) !== 0) throw new Error('outside ' + realDir);
      });
    })
    .then(() => fsP.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 14, column: 17 }],
    },
    {
      name: 'a then callback that may return before the promise with the check',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const path = require('path');
const pify = require('pify');
const fsP = pify(fs);
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return fsP.realpath(root)
    .then((realRoot) => {
      if (entry.type === 'link') return realRoot;
      return fsP.realpath(path.dirname(dest)).then((realDir) => {
        if (realDir.indexOf(realRoot) !== 0) throw new Error('outside ' + realDir);
      });
    })
    .then(() => fsP.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 15, column: 17 }],
    },
    {
      name: 'indexOf(root) !== -1 only finds the root somewhere in the real directory',
      threatModel: 'library',
      code: `const fs = require('graceful-fs');
const path = require('path');
const pify = require('pify');
const fsP = pify(fs);
const root = path.join(__dirname, 'out');
exports.extract = function extract(entry) {
  const dest = path.join(root, entry.path);
  return fsP.realpath(root)
    .then((realRoot) => {
      return fsP.realpath(path.dirname(dest)).then((realDir) => {
        if (realDir.indexOf(realRoot) === -1) throw new Error('outside ' + realDir);
      });
    })
    .then(() => fsP.writeFile(dest, entry.data));
};`,
      errors: [{ messageId: 'taintedPath', line: 14, column: 17 }],
    },
    {
      name: 'only leading ../ removed from the name (a/../../x still climbs)',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => {
  const name = req.query.name.replace(/^([/\\\\]*[.]+[/\\\\]+)*[/\\\\]*/, '');
  res.send(fs.readFileSync(path.join('/srv/files', name)));
});`,
      errors: [{ messageId: 'taintedPath', line: 6, column: 12 }],
    },
    {
      name: 'one pass of removing ../ (....// becomes ../)',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => {
  res.send(fs.readFileSync(path.join('/srv/files', req.query.name.replace(/\\.\\.\\//g, ''))));
});`,
      errors: [{ messageId: 'taintedPath', line: 5, column: 12 }],
    },
  ],
});
