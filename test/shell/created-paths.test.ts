import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../src/index.js';
import { parseShell } from '../../src/shell/parser.js';
import { removesCreated, writtenPaths } from '../../src/shell/created-paths.js';

beforeAll(async () => {
  await initShellParser();
});

const removes = (earlier: string, later: string) => removesCreated([parseShell(earlier)], parseShell(later));

describe('removesCreated', () => {
  it('links a package cache to the command that fills it', () => {
    expect(removes('apt-get update && apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*')?.evidence).toMatch(
      /update/,
    );
    expect(removes('pip install flask', 'rm -rf ~/.cache/pip')).not.toBeNull();
    expect(removes('npm ci', 'npm cache clean --force')).not.toBeNull();
  });
  it('does not link a cache to a RUN that never filled it', () => {
    expect(removes('make && make install', 'rm -rf /var/lib/apt/lists/*')).toBeNull();
    expect(removes('apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*')).toBeNull();
    expect(removes('pip install flask', 'rm -rf /root/.npm')).toBeNull();
  });
  it('links a path or file the earlier RUN names', () => {
    expect(
      removes('wget -O /tmp/app.tgz https://x/app.tgz && tar xzf /tmp/app.tgz -C /opt', 'rm /tmp/app.tgz'),
    ).not.toBeNull();
    expect(removes('git clone https://x/y /opt/src/y', 'rm -rf /opt/src')).not.toBeNull();
    expect(removes('curl -LO https://x/tool-1.2.tar.gz', 'rm tool-1.2.tar.gz')).not.toBeNull();
    expect(removes('echo hi > /etc/motd', 'rm -rf /opt/src')).toBeNull();
    expect(removes('echo /opt/srcfoo', 'rm -rf /opt/src')).toBeNull();
  });
  it('links purged packages and recursive chown to what was installed or created', () => {
    expect(removes('apt-get install -y build-essential', 'apt-get purge -y build-essential')).not.toBeNull();
    expect(removes('apt-get install -y curl', 'apt-get purge -y build-essential')).toBeNull();
    expect(removes('mkdir -p /app/data && cp -r /src /app/data', 'chown -R app:app /app/data')).not.toBeNull();
    expect(removes('apt-get install -y curl', 'chown -R app:app /app')).toBeNull();
  });
});

describe('removesCreated: what the earlier RUN cleaned up itself', () => {
  it('does not count a cache the earlier RUN already removed', () => {
    expect(
      removesCreated(
        [parseShell('dnf install -y nginx && dnf clean all && rm -rf /var/cache/dnf')],
        parseShell('dnf clean all && rm -rf /var/cache/dnf'),
      ),
    ).toBeNull();
    expect(
      removesCreated(
        [parseShell('apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*')],
        parseShell('rm -rf /var/lib/apt/lists/*'),
      ),
    ).toBeNull();
    expect(removesCreated([parseShell('dnf install -y nginx')], parseShell('dnf clean all'))).not.toBeNull();
  });
});

describe('removesCreated: only what the earlier RUN writes', () => {
  it('does not count a path the earlier RUN only reads', () => {
    expect(removes('tar -xzf /tmp/x.tgz -C /opt', 'rm -rf /tmp/x.tgz')).toBeNull();
    expect(removes('ls /tmp && cat /tmp/notes', 'rm -rf /tmp/*')).toBeNull();
    expect(removes('cp /tmp/tool /usr/local/bin/tool', 'rm /tmp/tool')).toBeNull();
    expect(removes('mkdir -p /opt/app', 'rm -rf /opt/app/cache')).toBeNull();
    expect(removes('cd /tmp && wget https://x/a.tgz', 'rm a.tgz')).toBeNull();
  });
  it('counts outputs, destinations and redirections', () => {
    expect(
      removes('curl -fsSLo /tmp/x.tgz https://x/x.tgz && tar -xzf /tmp/x.tgz -C /opt', 'rm /tmp/x.tgz')?.evidence,
    ).toBe('`curl -o` writes /tmp/x.tgz');
    expect(removes('tar -xzf /tmp/x.tgz -C /opt', 'rm -rf /opt/*')?.evidence).toMatch(/tar -x -C/);
    expect(removes('cd /tmp && wget -q https://x/a.tgz', 'rm /tmp/a.tgz')?.evidence).toMatch(/wget/);
    expect(removes('git clone https://x/y.git /opt/y', 'rm -rf /opt/y')?.evidence).toMatch(/git clone/);
    expect(removes('unzip -q /a.zip -d /opt/a', 'rm -rf /opt/a')).not.toBeNull();
    expect(removes('echo x > /tmp/list', 'rm /tmp/list')?.evidence).toMatch(/redirection/);
    expect(removes('pip download -d /wheels flask', 'rm -rf /wheels')).not.toBeNull();
    expect(removes('cd /src/app && make', 'rm -rf /src/app')).not.toBeNull();
  });
  it('reads where a command writes', () => {
    const w = writtenPaths(parseShell('cd /tmp && curl -O https://x/a.tgz && mv a.tgz /opt/ && mkdir -p ~/bin'));
    expect(w.map((x) => [x.path, x.kind])).toEqual([
      ['/tmp/a.tgz', 'path'],
      ['/opt', 'path'],
      ['/root/bin', 'entry'],
    ]);
  });
});
