import { describe, expect, it } from 'vitest';
import { gypLinks, linuxCondition, parseGyp } from '../../src/context/gyp.js';
import { npmAddonLibs } from '../../src/context/tables.js';

describe('gyp files', () => {
  it('parses Python literals: comments, both quotes, adjacent strings, trailing commas', () => {
    expect(
      parseGyp(`{ # top
  'targets': [ { "target_name": 'a' 'b', 'n': 1, 'x': True, }, ],
}`),
    ).toEqual({ targets: [{ target_name: 'ab', n: 1, x: true }] });
    expect(() => parseGyp("{ 'a': }")).toThrow(/gyp:/);
  });
  it('evaluates conditions on OS for Linux, and leaves other variables undecided', () => {
    expect(linuxCondition('OS=="linux"')).toBe(true);
    expect(linuxCondition("OS=='win'")).toBe(false);
    expect(linuxCondition('OS!="win" and OS!="mac"')).toBe(true);
    expect(linuxCondition('OS=="mac" or OS=="win"')).toBe(false);
    expect(linuxCondition('not (OS=="win")')).toBe(true);
    expect(linuxCondition('OS=="linux" and node_shared_openssl=="false"')).toBeNull();
  });
  it('collects the -l libraries linked on Linux; command expansions and variables are unknown', () => {
    const gyp = parseGyp(`{
  'targets': [{
    'target_name': 'pty',
    'conditions': [
      ['OS=="win"', { 'libraries': ['-lshlwapi'] }, { 'libraries': ['-lutil'] }],
      ['OS=="linux"', { 'link_settings': { 'libraries': ['-lpthread', '<(module_root_dir)/deps/x.a'] } }],
      ['use_system=="true"', { 'libraries': ['<!@(pkg-config --libs zlib)', '-l<(libname)'] }],
    ],
    'ldflags': ['-Wl,-rpath,$ORIGIN', '-lrt'],
  }]
}`);
    expect(gypLinks([gyp])).toEqual({
      libraries: ['pthread', 'rt', 'util'],
      unknown: ['-l<(libname)', '<!@(pkg-config --libs zlib)'],
    });
  });
  it('the generated table covers only the releases it read', () => {
    expect(npmAddonLibs('bcrypt', '5.1.1')).toMatchObject({ libraries: [], unknown: [] });
    expect(npmAddonLibs('bcrypt', '3.0.8')).toBeNull();
    expect(npmAddonLibs('bcrypt', null)).toBeNull();
    expect(npmAddonLibs('left-pad', '1.3.0')).toBeNull();
  });
});
