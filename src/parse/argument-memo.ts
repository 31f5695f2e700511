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
/**
 * The tokens are kept on the instance under a symbol (not enumerable), not in a WeakMap: a WeakMap
 * keyed by every instruction of a run is an ephemeron table the garbage collector walks at each
 * collection, and its lookups cost more than a property load.
 */
const TOKENS = Symbol('slimify.argumentTokens');
type Memo = Instruction & { [TOKENS]?: Args };
const tokenise = proto.getRawArguments;
let installed = false;

/** Installs the memo once (idempotent). */
export function memoiseArgumentTokens(): void {
  if (installed) return;
  installed = true;
  proto.getRawArguments = function (this: Memo): Args {
    let args = this[TOKENS];
    if (!args) {
      args = tokenise.call(this);
      Object.defineProperty(this, TOKENS, { value: args });
    }
    return args.slice();
  };
}
