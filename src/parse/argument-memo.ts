/**
 * dockerfile-ast tokenises an instruction's arguments again on every getRawArguments() call, and its
 * own constructors call it several times per instruction (JSONInstruction, flags, ranges): about a
 * sixth of a corpus run. An instruction's text never changes after parsing, so the tokens are kept per
 * instance; each call gets a fresh copy of the array because ModifiableInstruction.getArguments shifts
 * the flags off the array it receives.
 */
import { Instruction, type Argument } from 'dockerfile-ast';

type Args = Argument[];
// getRawArguments is private in the typings; it is a plain prototype method at run time.
const proto = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Args };
const tokens = new WeakMap<Instruction, Args>();
const tokenise = proto.getRawArguments;
let installed = false;

/** Installs the memo once (idempotent). */
export function memoiseArgumentTokens(): void {
  if (installed) return;
  installed = true;
  proto.getRawArguments = function (this: Instruction): Args {
    let args = tokens.get(this);
    if (!args) {
      args = tokenise.call(this);
      tokens.set(this, args);
    }
    return args.slice();
  };
}
