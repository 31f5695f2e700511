/**
 * Package knowledge for base switches: what the full (buildpack-deps based) language images give
 * for free that -slim lacks, which pip/npm packages need a compiler, and the apt/yum -> apk map
 * used by the alpine switch.
 *
 * buildpack-deps contents: github.com/docker-library/buildpack-deps (curl: ca-certificates curl
 * gnupg netbase wget; scm: git mercurial openssh-client subversion procps; full: autoconf automake
 * bzip2 dpkg-dev file g++ gcc imagemagick libtool make patch unzip xz-utils zlib1g-dev and ~40
 * -dev header packages such as libpq-dev, libssl-dev, libffi-dev, libxml2-dev).
 */

/** Command -> the Debian package(s) that provide it, for commands the full image has and -slim lacks. */
export const FAT_ONLY_COMMANDS: Record<string, string[]> = {
  curl: ['curl', 'ca-certificates'],
  wget: ['wget', 'ca-certificates'],
  git: ['git', 'ca-certificates'],
  gcc: ['build-essential'],
  cc: ['build-essential'],
  'g++': ['build-essential'],
  'c++': ['build-essential'],
  make: ['build-essential'],
  'dpkg-buildpackage': ['build-essential'],
  './configure': ['build-essential'],
  'node-gyp': ['python3', 'build-essential'],
  autoconf: ['autoconf'],
  autoreconf: ['autoconf'],
  automake: ['automake'],
  libtool: ['libtool'],
  libtoolize: ['libtool'],
  patch: ['patch'],
  unzip: ['unzip'],
  xz: ['xz-utils'],
  bzip2: ['bzip2'],
  file: ['file'],
  gpg: ['gnupg', 'dirmngr'],
  ssh: ['openssh-client'],
  scp: ['openssh-client'],
  'ssh-keyscan': ['openssh-client'],
  svn: ['subversion'],
  hg: ['mercurial'],
  ps: ['procps'],
  pgrep: ['procps'],
  pkill: ['procps'],
  'pkg-config': ['pkg-config'],
  convert: ['imagemagick'],
  identify: ['imagemagick'],
  pg_config: ['libpq-dev'],
  mysql_config: ['default-libmysqlclient-dev'],
};

/** Commands that exist only in the node full image because buildpack-deps carries python3. */
export const NODE_FAT_ONLY: Record<string, string[]> = {
  python: ['python-is-python3'],
  python3: ['python3'],
};

/** Debian packages and the commands they provide (to know the stage installs what it uses). */
export const PACKAGE_COMMANDS: Record<string, string[]> = {
  'build-essential': ['gcc', 'cc', 'g++', 'c++', 'make', 'dpkg-buildpackage', './configure'],
  gcc: ['gcc', 'cc', './configure'],
  'g++': ['g++', 'c++'],
  make: ['make'],
  git: ['git'],
  'git-core': ['git'],
  curl: ['curl'],
  wget: ['wget'],
  gnupg: ['gpg'],
  gnupg2: ['gpg'],
  'openssh-client': ['ssh', 'scp', 'ssh-keyscan'],
  'xz-utils': ['xz'],
  procps: ['ps', 'pgrep', 'pkill'],
  subversion: ['svn'],
  mercurial: ['hg'],
  imagemagick: ['convert', 'identify'],
  'libpq-dev': ['pg_config'],
  'default-libmysqlclient-dev': ['mysql_config'],
  'libmysqlclient-dev': ['mysql_config'],
  'libmariadb-dev': ['mysql_config'],
  'libmariadbclient-dev': ['mysql_config'],
  python3: ['python3'],
  python: ['python'],
  'python-is-python3': ['python'],
  'python3-minimal': ['python3'],
};

/**
 * pip packages that build from source on slim (no wheel for glibc, or need headers) and the Debian
 * packages they need. Everything not listed with explicit names is assumed to install from a wheel
 * or be pure Python.
 */
export const PIP_NATIVE: Record<string, string[]> = {
  psycopg2: ['build-essential', 'libpq-dev'],
  mysqlclient: ['build-essential', 'default-libmysqlclient-dev', 'pkg-config'],
  'mysql-python': ['build-essential', 'default-libmysqlclient-dev'],
  uwsgi: ['build-essential'],
  'python-ldap': ['build-essential', 'libldap2-dev', 'libsasl2-dev'],
  pycrypto: ['build-essential'],
  pygraphviz: ['build-essential', 'libgraphviz-dev'],
  'pyaudio': ['build-essential', 'portaudio19-dev'],
  'dbus-python': ['build-essential', 'libdbus-1-dev', 'pkg-config'],
  'pycairo': ['build-essential', 'libcairo2-dev', 'pkg-config'],
  'gevent': ['build-essential'],
  'mod-wsgi': ['build-essential', 'apache2-dev'],
};

/** npm packages that commonly compile with node-gyp (python3, make, g++). */
export const NPM_NATIVE = new Set([
  'node-sass', 'bcrypt', 'sqlite3', 'canvas', 'node-gyp', 'fibers', 'grpc', 'leveldown', 'bufferutil', 'utf-8-validate',
  'kerberos', 'libxmljs', 'serialport', 'zeromq', 'node-expat', 'microtime', 'ref', 'ffi',
]);

/**
 * apt (Debian/Ubuntu) and yum/dnf (RHEL) package names -> Alpine apk names, for packages commonly
 * installed in Dockerfiles. `null`: the package has no Alpine equivalent (skip the switch).
 */
export const APK_NAMES: Record<string, string | null> = {
  // tools
  curl: 'curl', wget: 'wget', git: 'git', 'git-core': 'git', bash: 'bash', 'ca-certificates': 'ca-certificates',
  tzdata: 'tzdata', unzip: 'unzip', zip: 'zip', 'xz-utils': 'xz', xz: 'xz', bzip2: 'bzip2', tar: 'tar', gzip: 'gzip',
  jq: 'jq', make: 'make', gcc: 'gcc', 'g++': 'g++', 'gcc-c++': 'g++', 'build-essential': 'build-base',
  'pkg-config': 'pkgconf', pkgconfig: 'pkgconf', autoconf: 'autoconf', automake: 'automake', libtool: 'libtool',
  patch: 'patch', file: 'file', gnupg: 'gnupg', gnupg2: 'gnupg', 'openssh-client': 'openssh-client', openssh: 'openssh',
  'openssh-clients': 'openssh-client', rsync: 'rsync', procps: 'procps', 'procps-ng': 'procps', less: 'less', vim: 'vim',
  nano: 'nano', 'net-tools': 'net-tools', iputils: 'iputils', 'iputils-ping': 'iputils', 'dnsutils': 'bind-tools',
  'bind-utils': 'bind-tools', netcat: 'netcat-openbsd', 'netcat-openbsd': 'netcat-openbsd', socat: 'socat',
  openssl: 'openssl', gettext: 'gettext', 'gettext-base': 'gettext', sqlite3: 'sqlite', sqlite: 'sqlite',
  'postgresql-client': 'postgresql-client', 'default-mysql-client': 'mysql-client', 'mariadb-client': 'mariadb-client',
  'mysql-client': 'mysql-client', tini: 'tini', dumb_init: 'dumb-init', 'dumb-init': 'dumb-init', gosu: null,
  'su-exec': 'su-exec', sudo: 'sudo', shadow: 'shadow', 'shadow-utils': 'shadow', passwd: 'shadow', cmake: 'cmake',
  imagemagick: 'imagemagick', ImageMagick: 'imagemagick', ffmpeg: 'ffmpeg', graphviz: 'graphviz', nginx: 'nginx',
  supervisor: 'supervisor', cron: 'dcron', cronie: 'dcron', 'python3': 'python3', python3_pip: 'py3-pip', 'python3-pip': 'py3-pip',
  musl: 'musl', 'libc6-dev': 'musl-dev', 'glibc-devel': 'musl-dev', 'linux-headers-generic': 'linux-headers',
  // headers / libraries
  'libpq-dev': 'postgresql-dev', 'postgresql-devel': 'postgresql-dev', libpq5: 'libpq', 'libssl-dev': 'openssl-dev',
  'openssl-devel': 'openssl-dev', 'libffi-dev': 'libffi-dev', 'libffi-devel': 'libffi-dev', 'zlib1g-dev': 'zlib-dev',
  'zlib-devel': 'zlib-dev', 'libxml2-dev': 'libxml2-dev', 'libxml2-devel': 'libxml2-dev', 'libxslt1-dev': 'libxslt-dev',
  'libxslt-dev': 'libxslt-dev', 'libxslt-devel': 'libxslt-dev', 'libjpeg-dev': 'jpeg-dev', 'libjpeg62-turbo-dev': 'libjpeg-turbo-dev',
  'libjpeg-turbo-devel': 'libjpeg-turbo-dev', 'libpng-dev': 'libpng-dev', 'libpng-devel': 'libpng-dev',
  'libfreetype6-dev': 'freetype-dev', 'freetype-devel': 'freetype-dev', 'libwebp-dev': 'libwebp-dev', 'libyaml-dev': 'yaml-dev',
  'libcurl4-openssl-dev': 'curl-dev', 'libcurl-devel': 'curl-dev', 'libsqlite3-dev': 'sqlite-dev', 'sqlite-devel': 'sqlite-dev',
  'libreadline-dev': 'readline-dev', 'readline-devel': 'readline-dev', 'libbz2-dev': 'bzip2-dev', 'liblzma-dev': 'xz-dev',
  'libncurses5-dev': 'ncurses-dev', 'libncursesw5-dev': 'ncurses-dev', 'ncurses-devel': 'ncurses-dev', 'libgmp-dev': 'gmp-dev',
  'libmagickwand-dev': 'imagemagick-dev', 'libzip-dev': 'libzip-dev', 'libicu-dev': 'icu-dev', 'libonig-dev': 'oniguruma-dev',
  'default-libmysqlclient-dev': 'mariadb-dev', 'libmysqlclient-dev': 'mariadb-dev', 'libmariadb-dev': 'mariadb-dev',
  'mysql-devel': 'mariadb-dev', 'libldap2-dev': 'openldap-dev', 'libsasl2-dev': 'cyrus-sasl-dev', 'libkrb5-dev': 'krb5-dev',
  'libevent-dev': 'libevent-dev', 'libpcre3-dev': 'pcre-dev', 'pcre-devel': 'pcre-dev', 'libgeos-dev': 'geos-dev',
  'libmemcached-dev': 'libmemcached-dev', 'libsodium-dev': 'libsodium-dev', 'libgd-dev': 'gd-dev', 'python3-dev': 'python3-dev',
  'python-dev': 'python3-dev', 'libstdc++6': 'libstdc++', 'libgcc1': 'libgcc', 'libgomp1': 'libgomp',
  // glibc-only or Debian-only: no Alpine equivalent
  locales: null, 'locales-all': null, 'apt-transport-https': null, 'software-properties-common': null,
  'lsb-release': null, 'debconf-utils': null, 'libc6': null, glibc: null,
};
