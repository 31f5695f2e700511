import { describe, expect, it } from 'vitest';
import { OPTION_SINCE, parseSpecifier, pinAllows, type ToolPin } from '../../src/lang/tool-pins.js';

const pin = (spec: string): ToolPin => ({ tool: 'pip', text: spec, line: 1, ...parseSpecifier(spec)! });
const since = OPTION_SINCE.pipNoCacheDir.since;

describe('pin ranges against option thresholds', () => {
  it('rules an option out when every allowed version is older', () => {
    expect(pinAllows(pin('>=1.4,<1.5'), since)).toBe('no');
    expect(pinAllows(pin('==1.5.6'), since)).toBe('no');
    expect(pinAllows(pin('<6'), since)).toBe('no');
    expect(pinAllows(pin('~=1.5'), since)).toBe('no');
  });
  it('proves an option when every allowed version has it', () => {
    expect(pinAllows(pin('==9.0.3'), since)).toBe('yes');
    expect(pinAllows(pin('>=6.0'), since)).toBe('yes');
    expect(pinAllows(pin('<=6.0'), since)).toBe('unknown');
  });
  it('says unknown when the pin leaves old versions possible', () => {
    expect(pinAllows(pin('<21'), since)).toBe('unknown');
    expect(pinAllows(pin('!=20.0'), since)).toBe('unknown');
  });
});
