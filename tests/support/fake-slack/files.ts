/** Shared files (files.info, url_private downloads) and files.uploadV2's three steps. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiArgs, ApiResponse, FakeFile, UploadedFile, Workspace } from './types.js';
import { fail, isObject, ok, type Reply, randomId, str } from './wire.js';

type StoredFile = Required<FakeFile> & { created: number };

export class Files {
  /** Downloads of shared files (url_private), with the token each carried. */
  readonly downloads: { fileId: string; token: string | undefined; status: number }[] = [];
  #files = new Map<string, StoredFile>();
  #uploads = new Map<string, UploadedFile>();

  constructor(
    readonly workspace: Workspace,
    readonly resolveChannel: (channel: string) => string,
  ) {}

  /** Forgets downloads; keeps the files people shared. */
  reset(): void {
    this.downloads.length = 0;
  }

  add(file: FakeFile): Record<string, unknown> {
    const id = file.id ?? randomId('F');
    const csv = file.name.toLowerCase().endsWith('.csv');
    this.#files.set(id, {
      id,
      name: file.name,
      content: file.content,
      user: file.user ?? 'U0UPLOADER',
      filetype: file.filetype ?? (csv ? 'csv' : 'text'),
      mimetype: file.mimetype ?? (csv ? 'text/csv' : 'text/plain'),
      created: Math.floor(this.workspace.now() / 1000),
    });
    return this.#fileObject(id);
  }

  uploads(): UploadedFile[] {
    return [...this.#uploads.values()];
  }

  #fileObject(id: string): Record<string, unknown> {
    const f = this.#files.get(id) as StoredFile;
    const path = `${this.workspace.baseUrl}/files-pri/${this.workspace.teamId}-${id}/${encodeURIComponent(f.name)}`;
    return {
      id,
      created: f.created,
      timestamp: f.created,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.filetype,
      pretty_type: f.filetype.toUpperCase(),
      user: f.user,
      size: Buffer.byteLength(f.content),
      mode: 'hosted',
      is_external: false,
      is_public: false,
      url_private: path,
      url_private_download: `${path}?download=1`,
    };
  }

  filesInfo(args: ApiArgs): ApiResponse {
    const id = str(args.file);
    if (!id || !this.#files.has(id)) return fail('file_not_found');
    return ok({ file: this.#fileObject(id), comments: [], response_metadata: { next_cursor: '' } });
  }

  /**
   * Image blocks that show a Slack file (`slack_file: { id }`): Slack refuses a file that is not
   * there or not finished uploading, as `invalid_blocks` with "invalid slack file".
   */
  checkSlackFiles(blocks: unknown): ApiResponse | undefined {
    if (!Array.isArray(blocks)) return undefined;
    const errors = blocks.flatMap((block, i) => {
      if (!isObject(block) || block.type !== 'image' || !isObject(block.slack_file)) return [];
      const id = str(block.slack_file.id);
      const known = id !== undefined && (this.#uploads.get(id)?.completed === true || this.#files.has(id));
      return known ? [] : [`invalid slack file [json-pointer:/blocks/${i}/slack_file]`];
    });
    if (errors.length === 0) return undefined;
    return fail('invalid_blocks', { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
  }

  /** Step 1 of files.uploadV2: a URL on this server to send the bytes to. */
  getUploadUrl(args: ApiArgs): ApiResponse {
    const filename = str(args.filename);
    const length = Number(str(args.length));
    if (!filename) return fail('invalid_arguments');
    if (!Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
    const id = randomId('F');
    this.#uploads.set(id, {
      id,
      filename,
      length,
      altText: str(args.alt_text) ?? null,
      bytes: null,
      title: null,
      channel: null,
      threadTs: null,
      initialComment: null,
      completed: false,
    });
    return ok({ upload_url: `${this.workspace.baseUrl}/upload/${id}`, file_id: id });
  }

  /** Step 2: the bytes, as @slack/web-api sends them (multipart, or the raw body). */
  async receiveUpload(id: string, contentType: string, body: Buffer): Promise<Reply> {
    const upload = this.#uploads.get(id);
    if (!upload) return { status: 404, body: fail('upload_not_found') };
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      upload.bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      upload.bytes = body;
    }
    return { status: 200, body: { ok: true } };
  }

  /** Step 3: shares the uploaded files in a channel (or a thread), or keeps them private. */
  completeUpload(args: ApiArgs): ApiResponse {
    const raw = args.files;
    const files = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { id?: string; title?: string }[] | undefined;
    if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');
    const channelArg = str(args.channel_id);
    const channel = channelArg ? this.resolveChannel(channelArg) : null;
    const done: { id: string; title: string }[] = [];
    for (const f of files) {
      const upload = f.id ? this.#uploads.get(f.id) : undefined;
      if (!upload?.bytes) return fail('file_not_found');
      if (upload.bytes.length !== upload.length) return fail('file_upload_size_mismatch');
      Object.assign(upload, {
        title: f.title ?? upload.filename,
        channel,
        threadTs: str(args.thread_ts) ?? null,
        initialComment: str(args.initial_comment) ?? null,
        completed: true,
      });
      done.push({ id: upload.id, title: upload.title ?? upload.filename });
    }
    return ok({ files: done });
  }

  /** Like Slack, private files download only with a token in the Authorization header. */
  download(id: string, req: IncomingMessage, res: ServerResponse): void {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
    const file = this.#files.get(id);
    const status = !file ? 404 : token && /^xox[bp]-/.test(token) ? 200 : 403;
    this.downloads.push({ fileId: id, token, status });
    if (status !== 200 || !file) {
      res.writeHead(status, { 'content-type': 'text/html' }).end('<html>Sign in to Slack</html>');
      return;
    }
    const body = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': body.length }).end(body);
  }
}
