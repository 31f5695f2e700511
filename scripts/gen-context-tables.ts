/**
 * Generates the build-context tables in src/context/data/:
 *   npm-native.json     from the npm registry (the package documents the npm client fetches): per package, version ranges with how the package gets its native code
 *                       (node-gyp from source, a download with a compile fallback, prebuilds shipped in
 *                       the tarball, per-platform optionalDependencies, or a non-compiling script);
 *   npm-addon-libs.json from the npm registry: for the newest releases of each seed package that compile (gyp or
 *                       download-or-build), the system libraries its .gyp files link on Linux, read from the
 *                       release tarball (parsed, never run);
 *   python-wheels.json  HAND-CURATED (PyPI is not reachable from the machine this runs on): packages
 *                       that build from source on Linux, and for packages with C extensions the first
 *                       version with manylinux wheels per CPython version (conservative: when unsure, a
 *                       later version is listed, which only makes slimify stricter);
 *   go-cgo.json         HAND-CURATED: Go modules that need cgo (a C compiler and often C libraries).
 * Run: npx tsx scripts/gen-context-tables.ts   (needs npm and network access to registry.npmjs.org), then
 *      npx prettier --write src/context/data/; `--addon-libs-only` regenerates npm-addon-libs.json alone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gypLinks, parseGyp, type GypLinks } from '../src/context/gyp.js';

const OUT = join(import.meta.dirname, '..', 'src', 'context', 'data');
const today = new Date().toISOString().slice(0, 10);

/** Packages with native code commonly found in Node images (seed list; every version of each is classified). */
const NPM_SEED = [
  'argon2',
  'bcrypt',
  'better-sqlite3',
  'bufferutil',
  'canvas',
  'classic-level',
  'cpu-features',
  'deasync',
  'esbuild',
  'farmhash',
  'ffi-napi',
  'gl',
  'grpc',
  'hiredis',
  'iconv',
  'isolated-vm',
  'keytar',
  'kerberos',
  'leveldown',
  'libpq',
  'libxmljs',
  'libxmljs2',
  'lmdb',
  'microtime',
  'msgpackr-extract',
  'node-expat',
  'node-pty',
  'node-rdkafka',
  'node-sass',
  'oracledb',
  'pg-native',
  're2',
  'ref-napi',
  'robotjs',
  'serialport',
  '@serialport/bindings-cpp',
  'sharp',
  'sodium-native',
  'sqlite3',
  'ssh2',
  'usb',
  'utf-8-validate',
  'zeromq',
  '@parcel/watcher',
  '@swc/core',
  'node-gyp-build',
  'fsevents',
  'heapdump',
  'zlib-sync',
  '@discordjs/opus',
  'snappy',
  'odbc',
  'ibm_db',
  'unix-dgram',
  'weak-napi',
  'bigint-buffer',
  'secp256k1',
  'keccak',
  'tree-sitter',
];

type Kind = 'gyp' | 'download-or-build' | 'bundled-prebuilds' | 'platform-packages' | 'script' | 'none';

interface VersionInfo {
  version: string;
  gypfile?: boolean;
  'scripts.install'?: string;
  'scripts.preinstall'?: string;
  'scripts.postinstall'?: string;
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

function classify(v: VersionInfo): Kind {
  const scripts = [v['scripts.preinstall'], v['scripts.install'], v['scripts.postinstall']].filter(Boolean).join(' ; ');
  const platformPkgs = Object.keys(v.optionalDependencies ?? {}).some((d) => /linux-(x64|arm64)/.test(d));
  if (
    /prebuild-install|node-pre-gyp|prebuildify-load|cmake-js|--fallback-to-build/.test(scripts) &&
    /node-gyp|fallback-to-build|cmake-js/.test(scripts)
  )
    return 'download-or-build';
  if (/node-gyp-build/.test(scripts)) return 'bundled-prebuilds';
  if (/node-gyp\s+rebuild|node-gyp\s+configure|cmake-js|\bmake\b/.test(scripts)) return 'gyp';
  // npm runs `node-gyp rebuild` when the tarball has a binding.gyp and no install script; the registry
  // metadata says so only through `gypfile` or the addon helpers the package depends on.
  const addonDeps = Object.keys(v.dependencies ?? {}).some((d) => /^(nan|node-addon-api|bindings)$/.test(d));
  if ((v.gypfile || addonDeps) && !scripts) return 'gyp';
  if (platformPkgs) return 'platform-packages';
  if (scripts) return 'script';
  return 'none';
}

type Packument = { versions: Record<string, Record<string, unknown>> };
const packuments = new Map<string, Packument>();
/** The package document the npm client itself fetches (every version's package.json), fetched once. */
async function packument(name: string): Promise<Packument> {
  const known = packuments.get(name);
  if (known) return known;
  const res = await fetch(`https://registry.npmjs.org/${name.replace('/', '%2F')}`);
  if (!res.ok) throw new Error(`${name}: registry answered ${res.status}`);
  const doc = (await res.json()) as Packument;
  packuments.set(name, doc);
  return doc;
}

/** The fields of one release's registry document that classify() reads. */
function versionInfo(v: Record<string, unknown>): VersionInfo {
  const scripts = (v.scripts ?? {}) as Record<string, string>;
  return {
    version: String(v.version),
    gypfile: v.gypfile === true,
    'scripts.install': scripts.install,
    'scripts.preinstall': scripts.preinstall,
    'scripts.postinstall': scripts.postinstall,
    optionalDependencies: (v.optionalDependencies ?? {}) as Record<string, string>,
    dependencies: (v.dependencies ?? {}) as Record<string, string>,
  };
}

async function npmTable() {
  const packages: Record<string, { from: string; to: string; kind: Kind }[]> = {};
  for (const name of NPM_SEED) {
    const doc = await packument(name);
    const list: VersionInfo[] = Object.values(doc.versions).map(versionInfo);
    const ranges: { from: string; to: string; kind: Kind }[] = [];
    for (const v of list.filter((x) => /^\d+\.\d+\.\d+$/.test(x.version)).sort((a, b) => cmp(a.version, b.version))) {
      const kind = classify(v);
      const last = ranges[ranges.length - 1];
      if (last && last.kind === kind) last.to = v.version;
      else ranges.push({ from: v.version, to: v.version, kind });
    }
    packages[name] = ranges;
    process.stderr.write(`${name}: ${ranges.length} ranges\n`);
  }
  return {
    source:
      'https://registry.npmjs.org/<package> (the package documents the npm client fetches): per release version, gypfile, scripts.preinstall/install/postinstall, dependencies and optionalDependencies',
    date: today,
    kinds: {
      gyp: 'compiles with node-gyp (binding.gyp or an install script that builds): needs python3, make and a C++ compiler',
      'download-or-build':
        'downloads a prebuilt binary at install (prebuild-install/node-pre-gyp) and compiles when none fits: needs the toolchain to be safe',
      'bundled-prebuilds':
        'ships prebuilt binaries in the package (node-gyp-build); compiles only on platforms without one',
      'platform-packages':
        'gets its binary from a per-platform optional dependency (e.g. @img/sharp-linux-x64): no toolchain',
      script: 'has an install script that does not compile',
      none: 'no install script and no binding.gyp',
    },
    packages,
  };
}

/** Releases per seed package whose .gyp files are read (the newest ones that compile). */
const ADDON_SAMPLE = 5;

/** The files of a .tgz whose names match (ustar, with pax `path` and GNU long-name records). */
function tarFiles(tgz: Buffer, want: (name: string) => boolean): { name: string; text: string }[] {
  const tar = gunzipSync(tgz);
  const out: { name: string; text: string }[] = [];
  let longName: string | null = null;
  for (let off = 0; off + 512 <= tar.length;) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (a: number, n: number) =>
      h
        .subarray(a, a + n)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 48);
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (m) longName = m[1];
      continue;
    }
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = null;
    if ((type === '0' || type === '\0') && want(name)) out.push({ name, text: body.toString('utf8') });
  }
  return out;
}

/** For the newest compiling releases of each seed package: the libraries its .gyp files link on Linux. */
async function npmAddonLibs() {
  const packages: Record<string, ({ from: string; to: string } & GypLinks)[]> = {};
  for (const name of NPM_SEED) {
    const doc = await packument(name);
    const releases = Object.values(doc.versions)
      .filter((v) => /^\d+\.\d+\.\d+$/.test(String(v.version)))
      .sort((a, b) => cmp(String(a.version), String(b.version)));
    const compiling = releases
      .map((v, index) => ({ v, index }))
      .filter(({ v }) => {
        const kind = classify(versionInfo(v));
        return kind === 'gyp' || kind === 'download-or-build';
      })
      .slice(-ADDON_SAMPLE);
    if (!compiling.length) continue;
    const ranges: ({ from: string; to: string; last: number } & GypLinks)[] = [];
    for (const { v, index } of compiling) {
      const url = (v.dist as { tarball?: string } | undefined)?.tarball;
      if (!url) throw new Error(`${name}@${String(v.version)}: no tarball in the registry document`);
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${name}@${String(v.version)}: registry answered ${res.status}`);
      const files = tarFiles(
        Buffer.from(await res.arrayBuffer()),
        (f) => /\.gypi?$/.test(f) && !/\/node_modules\//.test(f),
      );
      const parsed = [];
      const unreadable: string[] = [];
      for (const f of files) {
        try {
          parsed.push(parseGyp(f.text));
        } catch (e) {
          unreadable.push(`${f.name.replace(/^[^/]+\//, '')} could not be parsed (${(e as Error).message})`);
        }
      }
      const links = gypLinks(parsed);
      if (!files.length) links.unknown.push('no .gyp file in the package: it builds some other way');
      links.unknown.push(...unreadable);
      const last = ranges[ranges.length - 1];
      // One range: releases next to each other in the release list with the same links.
      if (
        last &&
        last.last === index - 1 &&
        JSON.stringify([last.libraries, last.unknown]) === JSON.stringify([links.libraries, links.unknown])
      ) {
        last.to = String(v.version);
        last.last = index;
      } else ranges.push({ from: String(v.version), to: String(v.version), last: index, ...links });
    }
    packages[name] = ranges.map(({ last: _last, ...r }) => r);
    process.stderr.write(
      `${name}: ${ranges.map((r) => `${r.from}-${r.to} [${r.libraries.join(' ')}]${r.unknown.length ? ` unknown ${r.unknown.length}` : ''}`).join(', ')}\n`,
    );
  }
  return {
    source: `https://registry.npmjs.org/<package>/-/<name>-<version>.tgz: the .gyp/.gypi files (outside node_modules) of the newest ${ADDON_SAMPLE} releases of each seed package that compile (kind gyp or download-or-build in npm-native.json), parsed as data, never run`,
    date: today,
    meaning: {
      libraries:
        'the -l names the addon links on Linux (libraries and ldflags; conditions on OS evaluated for linux, conditions on other variables taken both ways)',
      unknown:
        'link entries decided only when the addon builds (pkg-config or other command expansions, shared-object paths, variables), or files that could not be read',
    },
    packages,
  };
}

function cmp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Hand-curated from the maintainers' release notes and PyPI file lists as known on the date below. */
const PYTHON = {
  source:
    "HAND-CURATED: PyPI (pypi.org) is not reachable from the machine that generated this table; the lists below are written from the projects' documented wheel support and must be re-checked against PyPI file lists when it is reachable",
  date: today,
  assumption:
    'a package in neither list is taken to install without a compiler (pure Python or manylinux wheels for current CPython on linux/amd64 and linux/arm64)',
  /** No manylinux wheels: pip builds them from source (compiler and -dev headers needed). */
  sourceOnly: {
    psycopg2: 'no Linux wheels (psycopg2-binary has them); needs gcc and libpq-dev',
    mysqlclient: 'no Linux wheels; needs gcc, pkg-config and libmysqlclient-dev/libmariadb-dev',
    'python-ldap': 'no Linux wheels; needs gcc, libldap2-dev and libsasl2-dev',
    uwsgi: 'no wheels; compiles the server',
    pygraphviz: 'no Linux wheels; needs gcc and graphviz-dev',
    'dbus-python': 'no wheels; needs gcc and libdbus-1-dev',
    pycairo: 'no Linux wheels; needs gcc and libcairo2-dev',
    pygobject: 'no Linux wheels; needs gcc and libgirepository1.0-dev',
    'mod-wsgi': 'no wheels; needs apache2-dev',
    pycrypto: 'unmaintained, no wheels; compiles',
    pyaudio: 'no Linux wheels; needs portaudio19-dev',
    mariadb: 'no Linux wheels; needs libmariadb-dev',
    pykerberos: 'no wheels; needs libkrb5-dev',
    kerberos: 'no wheels; needs libkrb5-dev',
    'python-pam': 'no wheels for the compiled variants',
    sasl: 'no wheels; needs libsasl2-dev',
    sasl3: 'no wheels; needs libsasl2-dev',
    'pyodbc-ora': 'no wheels',
    gssapi: 'no Linux wheels; needs libkrb5-dev',
    pylibmc: 'no Linux wheels; needs libmemcached-dev',
    'python-snappy': 'no Linux wheels before 0.7; needs libsnappy-dev',
    xmlsec: 'no Linux wheels before 1.3.14; needs libxmlsec1-dev',
  } as Record<string, string>,
  /** Packages with C extensions and manylinux wheels from a version on, per CPython minor version. */
  wheelsFrom: {
    numpy: { '3.8': '1.17.3', '3.9': '1.19.3', '3.10': '1.21.4', '3.11': '1.23.3', '3.12': '1.26.0', '3.13': '2.1.0' },
    pandas: { '3.8': '1.0.0', '3.9': '1.1.5', '3.10': '1.3.4', '3.11': '1.5.2', '3.12': '2.1.1', '3.13': '2.2.3' },
    scipy: { '3.8': '1.4.0', '3.9': '1.5.4', '3.10': '1.7.2', '3.11': '1.9.3', '3.12': '1.11.3', '3.13': '1.14.1' },
    lxml: { '3.8': '4.5.0', '3.9': '4.6.2', '3.10': '4.6.4', '3.11': '4.9.2', '3.12': '4.9.3', '3.13': '5.3.0' },
    pillow: { '3.8': '6.2.1', '3.9': '8.0.1', '3.10': '8.4.0', '3.11': '9.3.0', '3.12': '10.1.0', '3.13': '11.0.0' },
    psycopg2Binary: {},
    'psycopg2-binary': {
      '3.8': '2.8.4',
      '3.9': '2.8.6',
      '3.10': '2.9.2',
      '3.11': '2.9.5',
      '3.12': '2.9.9',
      '3.13': '2.9.10',
    },
    grpcio: {
      '3.8': '1.25.0',
      '3.9': '1.34.0',
      '3.10': '1.42.0',
      '3.11': '1.49.1',
      '3.12': '1.59.0',
      '3.13': '1.66.2',
    },
    pyyaml: { '3.8': '5.4', '3.9': '5.4', '3.10': '6.0', '3.11': '6.0.1', '3.12': '6.0.1', '3.13': '6.0.2' },
    'pydantic-core': {
      '3.8': '2.0.0',
      '3.9': '2.0.0',
      '3.10': '2.0.0',
      '3.11': '2.0.0',
      '3.12': '2.10.0',
      '3.13': '2.24.0',
    },
    uvloop: {
      '3.8': '0.15.0',
      '3.9': '0.15.0',
      '3.10': '0.16.0',
      '3.11': '0.17.0',
      '3.12': '0.18.0',
      '3.13': '0.21.0',
    },
    greenlet: { '3.8': '0.4.15', '3.9': '1.0.0', '3.10': '1.1.2', '3.11': '2.0.1', '3.12': '3.0.0', '3.13': '3.1.0' },
    gevent: {
      '3.8': '1.5.0',
      '3.9': '21.1.0',
      '3.10': '21.12.0',
      '3.11': '22.10.2',
      '3.12': '23.9.0',
      '3.13': '24.10.1',
    },
    cffi: { '3.8': '1.13.1', '3.9': '1.14.3', '3.10': '1.15.0', '3.11': '1.15.1', '3.12': '1.16.0', '3.13': '1.17.0' },
    markupsafe: { '3.8': '1.1.1', '3.9': '2.0.0', '3.10': '2.0.1', '3.11': '2.1.2', '3.12': '2.1.4', '3.13': '3.0.0' },
    regex: {
      '3.8': '2020.1.8',
      '3.9': '2020.11.13',
      '3.10': '2021.11.2',
      '3.11': '2022.10.31',
      '3.12': '2023.8.8',
      '3.13': '2024.9.11',
    },
    'scikit-learn': {
      '3.8': '0.22',
      '3.9': '0.24.0',
      '3.10': '1.0.1',
      '3.11': '1.1.3',
      '3.12': '1.3.1',
      '3.13': '1.5.2',
    },
    matplotlib: { '3.8': '3.1.2', '3.9': '3.3.3', '3.10': '3.5.0', '3.11': '3.6.1', '3.12': '3.8.0', '3.13': '3.9.1' },
    psutil: { '3.8': '5.6.6', '3.9': '5.8.0', '3.10': '5.9.0', '3.11': '5.9.4', '3.12': '5.9.6', '3.13': '6.0.0' },
    orjson: { '3.8': '2.6.0', '3.9': '3.4.6', '3.10': '3.6.4', '3.11': '3.8.1', '3.12': '3.9.8', '3.13': '3.10.7' },
    ujson: { '3.8': '2.0.0', '3.9': '4.0.2', '3.10': '4.3.0', '3.11': '5.5.0', '3.12': '5.8.0', '3.13': '5.10.0' },
    cryptography: { '3.8': '2.8', '3.9': '3.3', '3.10': '3.3', '3.11': '3.3', '3.12': '3.3', '3.13': '3.3' },
    bcrypt: { '3.8': '3.1.7', '3.9': '3.2.0', '3.10': '3.2.0', '3.11': '3.2.0', '3.12': '3.2.0', '3.13': '3.2.0' },
    pynacl: { '3.8': '1.4.0', '3.9': '1.4.0', '3.10': '1.4.0', '3.11': '1.4.0', '3.12': '1.4.0', '3.13': '1.4.0' },
    httptools: { '3.8': '0.1.0', '3.9': '0.2.0', '3.10': '0.3.0', '3.11': '0.5.0', '3.12': '0.6.1', '3.13': '0.6.2' },
    aiohttp: { '3.8': '3.6.2', '3.9': '3.7.3', '3.10': '3.8.1', '3.11': '3.8.3', '3.12': '3.9.0', '3.13': '3.10.6' },
    msgpack: { '3.8': '0.6.2', '3.9': '1.0.1', '3.10': '1.0.3', '3.11': '1.0.4', '3.12': '1.0.6', '3.13': '1.1.0' },
    'psycopg-binary': {
      '3.8': '3.0.0',
      '3.9': '3.0.0',
      '3.10': '3.0.0',
      '3.11': '3.1.4',
      '3.12': '3.1.12',
      '3.13': '3.2.2',
    },
    'mysql-connector-python': {
      '3.8': '8.0.19',
      '3.9': '8.0.23',
      '3.10': '8.0.28',
      '3.11': '8.0.32',
      '3.12': '8.2.0',
      '3.13': '9.1.0',
    },
    shapely: { '3.8': '1.7.0', '3.9': '1.7.1', '3.10': '1.8.0', '3.11': '2.0.0', '3.12': '2.0.2', '3.13': '2.0.6' },
    pyarrow: { '3.8': '0.15.1', '3.9': '3.0.0', '3.10': '6.0.0', '3.11': '10.0.1', '3.12': '14.0.0', '3.13': '18.0.0' },
    h5py: { '3.8': '2.10.0', '3.9': '3.1.0', '3.10': '3.6.0', '3.11': '3.8.0', '3.12': '3.10.0', '3.13': '3.12.1' },
    'ruamel-yaml-clib': {
      '3.8': '0.2.0',
      '3.9': '0.2.2',
      '3.10': '0.2.6',
      '3.11': '0.2.7',
      '3.12': '0.2.8',
      '3.13': '0.2.12',
    },
    zstandard: {
      '3.8': '0.13.0',
      '3.9': '0.15.0',
      '3.10': '0.16.0',
      '3.11': '0.19.0',
      '3.12': '0.22.0',
      '3.13': '0.23.0',
    },
  } as Record<string, Record<string, string>>,
};
delete PYTHON.wheelsFrom.psycopg2Binary;

const GO = {
  source: "HAND-CURATED from the modules' documentation (each needs CGO_ENABLED=1 and a C compiler)",
  date: today,
  modules: {
    'github.com/mattn/go-sqlite3': 'SQLite through cgo (pure-Go alternative: modernc.org/sqlite)',
    'github.com/confluentinc/confluent-kafka-go': 'librdkafka through cgo',
    'github.com/confluentinc/confluent-kafka-go/v2': 'librdkafka through cgo',
    'gopkg.in/gographics/imagick.v2': 'ImageMagick MagickWand through cgo',
    'gopkg.in/gographics/imagick.v3': 'ImageMagick MagickWand through cgo',
    'github.com/tecbot/gorocksdb': 'RocksDB through cgo',
    'github.com/linxGnu/grocksdb': 'RocksDB through cgo',
    'github.com/h2non/bimg': 'libvips through cgo',
    'github.com/davidbyttow/govips/v2': 'libvips through cgo',
    'github.com/godror/godror': 'Oracle client through cgo',
    'github.com/mattn/go-oci8': 'Oracle OCI through cgo',
    'github.com/DataDog/zstd': 'zstd through cgo',
    'github.com/valyala/gozstd': 'zstd through cgo',
    'github.com/miekg/pkcs11': 'PKCS#11 through cgo',
    'github.com/karalabe/hid': 'hidapi through cgo',
    'github.com/go-gl/glfw/v3.3/glfw': 'GLFW through cgo',
    'github.com/veandco/go-sdl2': 'SDL2 through cgo',
    'crawshaw.io/sqlite': 'SQLite through cgo',
    'github.com/google/gopacket': 'its pcap package uses libpcap through cgo',
    'github.com/cilium/ebpf': 'no cgo (listed as a negative example: pure Go)',
  } as Record<string, string>,
};
delete GO.modules['github.com/cilium/ebpf'];

if (process.argv.includes('--offline')) process.stderr.write('skipping npm (offline)\n');
else if (process.argv.includes('--addon-libs-only')) {
  writeFileSync(join(OUT, 'npm-addon-libs.json'), JSON.stringify(await npmAddonLibs()) + '\n');
  process.exit(0);
} else {
  writeFileSync(join(OUT, 'npm-native.json'), JSON.stringify(await npmTable()) + '\n');
  writeFileSync(join(OUT, 'npm-addon-libs.json'), JSON.stringify(await npmAddonLibs()) + '\n');
}
writeFileSync(join(OUT, 'python-wheels.json'), JSON.stringify(PYTHON, null, 1) + '\n');
writeFileSync(join(OUT, 'go-cgo.json'), JSON.stringify(GO, null, 1) + '\n');
