/**
 * Native Python and Node packages that compile against system libraries when built from source,
 * with the Debian -dev packages their install documentation asks for. The runtime packages a
 * built module then loads (libpq5 for psycopg2, ...) are not written here: scripts/gen-debian-data.ts
 * derives them per suite from each -dev package's Depends (the runtime libraries built from the same
 * Debian source package) into debian.data.json, field `runtimeLibs`.
 *
 * Sources (each project's "build from source" / installation page): psycopg2 and psycopg[c]
 * (libpq-dev), mysqlclient (default-libmysqlclient-dev), Pillow (libjpeg-dev zlib1g-dev libtiff-dev
 * libfreetype-dev liblcms2-dev libwebp-dev libopenjp2-7-dev), lxml (libxml2-dev libxslt1-dev),
 * cryptography (libssl-dev), python-ldap (libldap2-dev libsasl2-dev), pyodbc (unixodbc-dev), pycurl
 * (libcurl4-openssl-dev), pycairo (libcairo2-dev), PyYAML with libyaml (libyaml-dev), pyzmq
 * (libzmq3-dev), python-magic (libmagic-dev), pymssql (freetds-dev), gssapi/kerberos (libkrb5-dev);
 * node: canvas (libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev), pg-native and
 * libpq (libpq-dev), kerberos (libkrb5-dev), zeromq (libzmq3-dev).
 */

export type Ecosystem = 'pypi' | 'npm';

export const NATIVE_BUILD_DEPS: Readonly<Record<Ecosystem, Readonly<Record<string, readonly string[]>>>> = {
  pypi: {
    psycopg2: ['libpq-dev'],
    'psycopg-c': ['libpq-dev'],
    mysqlclient: ['default-libmysqlclient-dev'],
    pillow: [
      'libjpeg-dev',
      'zlib1g-dev',
      'libtiff-dev',
      'libfreetype-dev',
      'liblcms2-dev',
      'libwebp-dev',
      'libopenjp2-7-dev',
    ],
    lxml: ['libxml2-dev', 'libxslt1-dev'],
    cryptography: ['libssl-dev'],
    'python-ldap': ['libldap2-dev', 'libsasl2-dev'],
    pyodbc: ['unixodbc-dev'],
    pycurl: ['libcurl4-openssl-dev'],
    pycairo: ['libcairo2-dev'],
    pyyaml: ['libyaml-dev'],
    pyzmq: ['libzmq3-dev'],
    'python-magic': ['libmagic-dev'],
    pymssql: ['freetds-dev'],
    gssapi: ['libkrb5-dev'],
    kerberos: ['libkrb5-dev'],
  },
  npm: {
    canvas: ['libcairo2-dev', 'libpango1.0-dev', 'libjpeg-dev', 'libgif-dev', 'librsvg2-dev'],
    'pg-native': ['libpq-dev'],
    libpq: ['libpq-dev'],
    kerberos: ['libkrb5-dev'],
    zeromq: ['libzmq3-dev'],
  },
};

/** PyPI names compare case-insensitively with `-`, `_`, `.` folded (PEP 503). */
export function normalizePackage(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** Every -dev package the table names (the generator resolves these). */
export function nativeDevPackages(): string[] {
  return [...new Set(Object.values(NATIVE_BUILD_DEPS).flatMap((t) => Object.values(t).flat()))].sort();
}
