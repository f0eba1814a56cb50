#!/usr/bin/env node
// Builds the VSIX for one platform, the way extensions with a native addon ship: nodejieba is
// compiled for the machine that runs `npm install`, so each target is packaged on a machine of its
// own platform and architecture (.github/workflows/ci.yml does so for every target on a tag).
//
//   npm run package                          this machine's target, e.g. gongwen-linux-x64-0.1.0.vsix
//   npm run package -- --target win32-x64    only on a win32-x64 machine: the addon must match
//   npm run package -- --out DIR             write the VSIX into DIR
//   npm run package -- --no-build            package dist/ as it is (the build is done already)
//   npm run package -- --vscode-linux-floor  refuse a Linux addon that needs a newer glibc or
//                                            libstdc++ than VS Code itself (2.28, 3.4.25)
//
// It refuses to package when nodejieba's binary is not built for the target (a Linux binary in a
// Windows package would install and then fail on every writer's machine).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADDON = path.join('node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node');

/** The targets we build, as `vsce package --target` names them. */
export const TARGETS = ['linux-x64', 'linux-arm64', 'win32-x64', 'darwin-x64', 'darwin-arm64'];

/** This machine's target, or undefined when we do not build for it. */
export function hostTarget(platform = process.platform, arch = process.arch) {
  const target = `${platform}-${arch}`;
  return TARGETS.includes(target) ? target : undefined;
}

/**
 * The platform and architecture a native addon was built for, read from its header: ELF (Linux),
 * PE (Windows) or Mach-O (macOS, a universal binary lists each architecture). Undefined when the
 * file is none of these.
 */
export function binaryTargets(buffer) {
  const u16 = (at, le = true) => (le ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at));
  const u32 = (at, le = true) => (le ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  if (buffer.length < 64) return undefined;
  // ELF: e_machine at 0x12 (little-endian files, as on x86-64 and arm64).
  if (buffer[0] === 0x7f && buffer.toString('latin1', 1, 4) === 'ELF') {
    const machine = { 0x3e: 'x64', 0xb7: 'arm64' }[u16(0x12, buffer[5] === 1)];
    return machine ? [`linux-${machine}`] : [];
  }
  // PE: 'MZ', the PE header's offset at 0x3c, its machine field 4 bytes after 'PE\0\0'.
  if (buffer.toString('latin1', 0, 2) === 'MZ') {
    const pe = u32(0x3c);
    if (pe + 6 > buffer.length || buffer.toString('latin1', pe, pe + 4) !== 'PE\0\0') return undefined;
    const machine = { 0x8664: 'x64', 0xaa64: 'arm64' }[u16(pe + 4)];
    return machine ? [`win32-${machine}`] : [];
  }
  const cpu = (type) => ({ 0x01000007: 'x64', 0x0100000c: 'arm64' })[type];
  // Mach-O 64-bit, little-endian: cputype right after the magic.
  if (u32(0) === 0xfeedfacf) return cpu(u32(4)) ? [`darwin-${cpu(u32(4))}`] : [];
  // Universal (fat) binary, big-endian: a count, then 20 bytes per architecture.
  if (u32(0, false) === 0xcafebabe) {
    const count = u32(4, false);
    const out = [];
    for (let i = 0; i < count && 8 + i * 20 + 4 <= buffer.length; i++) {
      const arch = cpu(u32(8 + i * 20, false));
      if (arch) out.push(`darwin-${arch}`);
    }
    return out;
  }
  return undefined;
}

/**
 * The newest glibc and libstdc++ symbol versions a Linux binary asks for (they are named in its
 * dynamic string table), e.g. { glibc: '2.28', glibcxx: '3.4.25' }.
 */
export function linuxSymbolVersions(buffer) {
  const newest = (prefix) => {
    let best;
    for (const m of buffer.toString('latin1').matchAll(new RegExp(`${prefix}_(\\d+(?:\\.\\d+)+)\\0`, 'g'))) {
      if (!best || compareVersions(m[1], best) > 0) best = m[1];
    }
    return best;
  };
  return { glibc: newest('GLIBC'), glibcxx: newest('GLIBCXX') };
}

export function compareVersions(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * What VS Code itself needs on Linux (since 1.86): glibc 2.28 and libstdc++ 3.4.25. An addon built on
 * a newer system asks for more and fails to load on, say, a distribution of that age.
 */
export const VSCODE_LINUX_FLOOR = { glibc: '2.28', glibcxx: '3.4.25' };

function parseArgs(argv) {
  const args = { target: undefined, out: ROOT, build: true, linuxFloor: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    if (name === '--target') args.target = value();
    else if (name === '--out') args.out = path.resolve(value());
    else if (name === '--no-build') args.build = false;
    else if (name === '--vscode-linux-floor') args.linuxFloor = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const target = args.target ?? hostTarget();
  if (!target) throw new Error(`no package for ${process.platform}-${process.arch}; targets: ${TARGETS.join(', ')}`);
  if (!TARGETS.includes(target)) throw new Error(`unknown target ${target}; targets: ${TARGETS.join(', ')}`);
  const addon = path.join(ROOT, ADDON);
  if (!fs.existsSync(addon)) throw new Error(`${ADDON} is missing: run npm install first (it builds nodejieba)`);
  const built = binaryTargets(fs.readFileSync(addon));
  if (!built || !built.includes(target)) {
    throw new Error(
      `${ADDON} is built for ${built?.join(', ') || 'an unknown platform'}, not ${target}: package each target on a machine of that platform`,
    );
  }
  if (target.startsWith('linux-')) {
    const needs = linuxSymbolVersions(fs.readFileSync(addon));
    const tooNew = Object.entries(VSCODE_LINUX_FLOOR).filter(([k, floor]) => needs[k] && compareVersions(needs[k], floor) > 0);
    const said = `nodejieba needs glibc ${needs.glibc ?? '?'} and libstdc++ ${needs.glibcxx ?? '?'} (VS Code itself: ${VSCODE_LINUX_FLOOR.glibc}, ${VSCODE_LINUX_FLOOR.glibcxx})`;
    if (tooNew.length > 0 && args.linuxFloor) throw new Error(`${said}: build it on an older system (see .github/workflows/ci.yml)`);
    console.log(`package: ${said}${tooNew.length > 0 ? ' — this package will not load on Linux systems as old as VS Code supports' : ''}`);
  }
  if (args.build) run(process.execPath, ['esbuild.mjs', '--production']);
  const { version, name } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.mkdirSync(args.out, { recursive: true });
  const packagePath = path.join(args.out, `${name}-${target}-${version}.vsix`);
  const { createVSIX } = await import('@vscode/vsce');
  await createVSIX({ cwd: ROOT, packagePath, target, rewriteRelativeLinks: false, useYarn: false });
  console.log(`package: ${path.relative(process.cwd(), packagePath)} (${target})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`package: ${error.message}`);
    process.exit(1);
  });
}
