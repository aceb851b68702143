/**
 * A bug planted behind four conditions, for the engine's own test: a
 * blind generator would have to satisfy them all in one input; keeping
 * each input that gets one step further finds it in a few thousand runs.
 */
import type { FuzzTarget } from "./targets.ts";

export const planted: FuzzTarget = {
  name: "planted",
  covers: ["tools/fuzz/planted.ts"],
  run(input) {
    const text = input.toString("latin1");
    if (!text.startsWith("GET ")) return;
    if (!text.includes("\r\n")) return;
    if (!text.includes(";ext=1")) return;
    if (text.includes("bytes=")) throw new Error("found the planted bug");
  },
};
