/**
 * Reading and writing the user's files so that none is ever lost or left half-written. The one
 * place where the CLI (documents, --config) and the settings file reader (.gongwen.json, for the CLI
 * and the language server) touch the disk.
 *
 * Reading: the file is opened without blocking (a FIFO would otherwise wait for a writer), the
 * type of what was opened is checked (devices, FIFOs, sockets and folders are refused), and at
 * most `maxBytes` are read, whatever the file's size claims to be (/dev/zero reports 0).
 *
 * Writing: the new content goes into a temporary file in the same folder, is flushed to disk,
 * given the original's mode (and owner, where allowed), and renamed over the original in one
 * step. Any failure leaves the original untouched and the temporary file removed.
 *
 * No LSP or vscode imports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_SETTINGS_BYTES } from '../../../shared/protocol';

/** Documents larger than this are refused: 公文 are far smaller, and the whole text is held in memory. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
export { MAX_SETTINGS_BYTES };
/** How long the language server waits for a settings file before going on without it. */
export const SETTINGS_READ_TIMEOUT_MS = 3000;

/** Why a file was not read or not written, in Chinese, ready to show. */
export class FileError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface ReadResult {
  bytes: Buffer;
  /** What was opened, for the check before writing back: same file, unchanged since. */
  stat: fs.Stats;
}

const OPEN_READ = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** A short Chinese reason for an I/O error code; `writing` picks the words for a failed write. */
export function describeIoError(err: unknown, writing = false): string {
  if (err instanceof FileError) return err.message;
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件或文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return writing ? '没有写入权限' : '没有读取权限';
    case 'EISDIR':
      return '这是文件夹';
    case 'EROFS':
      return '文件系统是只读的';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '超出磁盘配额';
    case 'EFBIG':
      return '文件超出系统允许的大小';
    case 'ENXIO':
      return '不是普通文件（设备、管道或套接字），已跳过';
    case 'ELOOP':
      return '符号链接层层相指，无法打开';
    case 'EIO':
      return '磁盘读写出错（EIO）';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

function checkOpened(stat: fs.Stats, maxBytes: number): void {
  if (stat.isDirectory()) throw new FileError('这是文件夹', 'EISDIR');
  if (!stat.isFile()) throw new FileError('不是普通文件（设备、管道或套接字），已跳过', 'ENOTREG');
  if (stat.size > maxBytes) throw tooLarge(stat.size, maxBytes);
}

function tooLarge(size: number | undefined, maxBytes: number): FileError {
  const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 1);
  return new FileError(
    `文件过大（${size === undefined ? `超过 ${mb(maxBytes)}` : mb(size)} MB，上限 ${mb(maxBytes)} MB），已跳过`,
    'EFBIG',
  );
}

/** Reads a regular file of at most `maxBytes`, synchronously (the CLI). */
export function readRegularFileSync(file: string, maxBytes: number): ReadResult {
  const fd = fs.openSync(file, OPEN_READ);
  try {
    const stat = fs.fstatSync(fd);
    checkOpened(stat, maxBytes);
    // The size is a hint only: a file may grow while it is read, and some report 0.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stat.size + 1, 4096)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(undefined, maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw tooLarge(undefined, maxBytes);
    return { bytes: buffer.subarray(0, length), stat };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The same, asynchronously (the language server: off its event loop), giving up after `timeoutMs`
 * (a file on a hung network share, say). A read that times out is left to finish or fail on its
 * own; its result is dropped.
 */
export async function readRegularFile(file: string, maxBytes: number, timeoutMs: number): Promise<ReadResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FileError(`读取超时（${timeoutMs / 1000} 秒）`, 'ETIMEDOUT')), timeoutMs);
  });
  try {
    return await Promise.race([readAsync(file, maxBytes), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readAsync(file: string, maxBytes: number): Promise<ReadResult> {
  const handle = await fs.promises.open(file, OPEN_READ);
  try {
    const stat = await handle.stat();
    checkOpened(stat, maxBytes);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(undefined, maxBytes);
    }
    return { bytes: Buffer.concat(chunks, length), stat };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------- writing

/** The steps of a write, in order: a test can make any of them fail (see `writeFaults`). */
export type WriteStep = 'check' | 'open' | 'write' | 'sync' | 'chmod' | 'close' | 'rename';

/**
 * For the fault-injection tests: called before each step of a write; throwing from it fails that
 * step as an I/O error would. Never set by the product.
 */
export const writeFaults: { before?: (step: WriteStep, file: string) => void } = {};

function step(name: WriteStep, file: string): void {
  writeFaults.before?.(name, file);
}

/**
 * Replaces the content of `file` — a regular file read earlier with `read` (its fstat) — by `data`.
 * Refuses (FileError) a file that is read-only, has other hard links (the rename would part them),
 * or changed since it was read. Throws on any I/O failure; the original is then unchanged.
 */
export function writeFileAtomic(file: string, data: Buffer, read: fs.Stats): void {
  step('check', file);
  const now = fs.lstatSync(file);
  if (!now.isFile()) throw new FileError('文件已不是普通文件（可能被换成了符号链接）', 'ENOTREG');
  if (now.ino !== read.ino || now.dev !== read.dev || now.size !== read.size || now.mtimeMs !== read.mtimeMs) {
    throw new FileError('文件在检查期间被改动过，请重新运行', 'ECHANGED');
  }
  if ((now.mode & 0o222) === 0) throw new FileError('文件是只读的', 'EREADONLY');
  if (now.nlink > 1) throw new FileError(`文件有 ${now.nlink} 个硬链接，写回会使它们分开`, 'ELINKS');
  // Not root's bypass of the mode bits: the same answer whoever runs it (checked above), and the
  // system's own (ACLs, ownership) for everyone else.
  fs.accessSync(file, fs.constants.W_OK);

  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `.${path.basename(file)}.gongwen-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  let fd: number | undefined;
  let created = false;
  try {
    step('open', temp);
    fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    created = true;
    step('write', temp);
    let written = 0;
    while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written);
    step('sync', temp);
    fs.fsyncSync(fd);
    step('chmod', temp);
    fs.fchmodSync(fd, now.mode & 0o7777);
    if (now.uid !== process.getuid?.() || now.gid !== process.getgid?.()) {
      try {
        fs.fchownSync(fd, now.uid, now.gid);
      } catch {
        /* only the owner's group or root may: the file then belongs to whoever ran the fix */
      }
    }
    step('close', temp);
    fs.closeSync(fd);
    fd = undefined;
    step('rename', file);
    fs.renameSync(temp, file);
    created = false;
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    if (created) {
      try {
        fs.unlinkSync(temp);
      } catch {
        /* nothing more to do: the original is intact either way */
      }
    }
    throw err;
  }
  // The rename is durable once the folder is flushed too (best effort: not every system allows it).
  try {
    const dirFd = fs.openSync(dir, fs.constants.O_RDONLY);
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    /* the file itself is complete; only the rename might not survive a power cut */
  }
}
