/**
 * Rules of RFC 9113 and RFC 7541 the chapter 13 server does not follow
 * yet: each test named here is registered as `test.todo` (the branch
 * stays green, the gap stays visible), with the reason. Remove a line
 * when the engine learns the rule; the test then runs and must pass.
 */
export const KNOWN_GAPS: ReadonlyMap<string, string> = new Map<string, string>([]);
