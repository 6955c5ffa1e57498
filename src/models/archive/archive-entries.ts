import type { LibraryModel, SourceModel } from '../../core/index.js';

/**
 * Where archive parsers hand out entries: `(module, path to the entry object)`. The entry's name and link
 * target come from the archive's headers, chosen by whoever made the archive (zip slip, CWE-22).
 */
const ENTRIES: readonly (readonly [string, string, string])[] = [
  // tar-stream: extract().on('entry', (header, stream, next) => header.name / header.linkname)
  ['tar-stream', 'Member[extract].ReturnValue.Member[on].Argument[1].Parameter[0]', 'tar-stream entry header'],
  // tar: new Parse().on('entry', (entry) => entry.path), t({ onentry(entry) })
  ['tar', 'Member[Parse].Instance.Member[on].Argument[1].Parameter[0]', 'tar entry'],
  ['tar', 'Member[t,list].Argument[0].Member[onentry].Parameter[0]', 'tar entry'],
  // unzipper / unzip-stream: Parse().on('entry', (entry) => entry.path)
  ['unzipper', 'Member[Parse].ReturnValue.Member[on].Argument[1].Parameter[0]', 'unzipper entry'],
  ['unzip-stream', 'Member[Parse].ReturnValue.Member[on].Argument[1].Parameter[0]', 'unzip-stream entry'],
  // yauzl: open(path, cb(err, zipfile)) then zipfile.on('entry', (entry) => entry.fileName)
  ['yauzl', 'Member[open,fromBuffer,fromFd].Argument[1..].Parameter[1].Member[on].Argument[1].Parameter[0]', 'yauzl entry'],
  // adm-zip: new AdmZip(file).getEntries()[i].entryName
  ['adm-zip', 'Instance.Member[getEntries].ReturnValue', 'adm-zip entry'],
  // jszip: zip.forEach((relativePath, file) => ...), after loadAsync
  ['jszip', 'Member[loadAsync].ReturnValue.Member[forEach].Argument[0].Parameter[0,1]', 'jszip entry'],
];

const sources: SourceModel[] = ENTRIES.map(([module, path, description]) => ({
  root: { module },
  path,
  // Under the library threat model the archive is the caller's input: its entry names are attacker data.
  label: 'library-input',
  threatModel: 'library',
  description,
}));

/** Archive parsers: names and link targets of entries (tar, zip) as attacker-controlled paths. */
export const archiveEntriesModel: LibraryModel = {
  id: 'archive-entries',
  description: 'Archive parsers (tar-stream, tar, unzipper, unzip-stream, yauzl, adm-zip, jszip): entry headers as sources',
  sources,
};
