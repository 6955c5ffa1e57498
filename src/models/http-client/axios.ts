import type { LibraryModel, SinkModel } from '../../core/index.js';
import { REQUEST_URL_LABELS } from '../node/http.js';

const root = { module: 'axios' } as const;
const VERBS = 'Member[get,post,put,delete,patch,head,options,request,postForm,putForm,patchForm]';
/** The default client, its ESM default, and instances from `axios.create()`. */
const CLIENTS = ['', 'Member[default].', 'Member[create].ReturnValue.'];

const verbSinks: SinkModel[] = CLIENTS.flatMap((client): SinkModel[] => [
  { root, path: `${client}${VERBS}.Argument[0]`, kind: 'ssrf', labels: REQUEST_URL_LABELS, description: 'axios.get()' },
]);

/** axios: `axios(url)`, `axios({ url })`, `axios.get(url)`, instances from `axios.create()`. */
export const axiosModel: LibraryModel = {
  id: 'axios',
  description: 'axios: request URLs (and baseURL) as SSRF sinks',
  sinks: [
    ...verbSinks,
    { root, path: 'Argument[0]', kind: 'ssrf', labels: REQUEST_URL_LABELS, description: 'axios()' },
    {
      root,
      path: 'Member[create].ReturnValue.Argument[0]',
      kind: 'ssrf',
      labels: REQUEST_URL_LABELS,
      description: 'axios instance()',
    },
    {
      root,
      path: 'Member[create].Argument[0]',
      kind: 'ssrf',
      labels: REQUEST_URL_LABELS,
      description: 'axios.create({ baseURL })',
    },
  ],
};
