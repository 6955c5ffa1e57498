import type { AgentTool } from './agent-loop.js';
import type { ProjectSnapshot } from './project-snapshot.js';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const int = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isInteger(value) ? value : fallback);
const lines = (items: readonly string[], none: string): string => (items.length === 0 ? none : items.join('\n'));

/**
 * Read-only tools over the project copy and the engine: list, read and search files; callers, callees and
 * imports; the static data-flow paths. Paths are checked (no `..`, no absolute paths); nothing outside the
 * copy can be named, and no tool reaches the network.
 */
export function createProjectTools(snapshot: ProjectSnapshot): AgentTool[] {
  const fileAndFunction = {
    type: 'object',
    additionalProperties: false,
    required: ['file', 'function'],
    properties: { file: { type: 'string' }, function: { type: 'string', description: 'function name, `Class.method` for methods' } },
  };
  return [
    {
      name: 'list_files',
      description: 'List the project files under a folder (all files when the folder is empty).',
      inputSchema: { type: 'object', additionalProperties: false, properties: { folder: { type: 'string' } } },
      run: (input) => lines(snapshot.list(str(input.folder)), 'no files'),
    },
    {
      name: 'read_file',
      description: 'Read lines of a project file (numbered, at most 400 lines per call).',
      inputSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: { path: { type: 'string' }, startLine: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 } },
      },
      run: (input) => {
        const start = int(input.startLine, 1);
        return snapshot.read(str(input.path), start, int(input.endLine, start + 199));
      },
    },
    {
      name: 'search',
      description: 'Find lines containing a text (plain, case-sensitive) in the project, optionally under a folder.',
      inputSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: { text: { type: 'string', minLength: 1, maxLength: 200 }, folder: { type: 'string' } },
      },
      run: (input) => lines(snapshot.search(str(input.text), str(input.folder)), 'no match'),
    },
    {
      name: 'callers_of',
      description: 'Functions that call the given function (from the static engine call graph).',
      inputSchema: fileAndFunction,
      run: (input) => lines(snapshot.callers(str(input.file), str(input.function)), 'no callers found'),
    },
    {
      name: 'callees_of',
      description: 'Functions the given function calls (from the static engine call graph).',
      inputSchema: fileAndFunction,
      run: (input) => lines(snapshot.callees(str(input.file), str(input.function)), 'no callees found'),
    },
    {
      name: 'imports_of',
      description: 'Import specifiers of a file and what they resolve to.',
      inputSchema: { type: 'object', additionalProperties: false, required: ['file'], properties: { file: { type: 'string' } } },
      run: (input) => lines(snapshot.imports(str(input.file)), 'no imports'),
    },
    {
      name: 'known_sources_and_sinks',
      description: 'Sources, sinks and sanitizers the static engine knows (library models), filtered by a package or API name.',
      inputSchema: { type: 'object', additionalProperties: false, properties: { filter: { type: 'string', maxLength: 100 } } },
      run: (input) => lines(snapshot.knownModels(str(input.filter)).slice(0, 200), 'no model matches'),
    },
    {
      name: 'data_flows',
      description: 'Data-flow paths the static engine found from known sources (request data...) to known sinks, for one file or all.',
      inputSchema: { type: 'object', additionalProperties: false, properties: { file: { type: 'string' } } },
      run: (input) => lines(snapshot.flows(str(input.file)), 'no static flows'),
    },
  ];
}
