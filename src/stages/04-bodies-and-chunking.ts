/**
 * Chapter 04's piece of the server: request bodies and chunked responses.
 *
 * Nothing new listens and no handler changes. The stage fills four seams
 * chapter 03 left in its connection options (extensions.http1): body
 * decoders with a size limit, the chunked framer for streamed responses,
 * the answer to `Expect: 100-continue`, and the policy for bodies a
 * handler does not read. Chapter 03's /echo already reads the body, so
 * from here on it reflects it. The body size limit is the operator's
 * transport-neutral settings.limits.maxBodyBytes.
 */
import { bodyOptions } from "#ch04/body-options.ts";
import type { Stage } from "./stage.ts";

function maxBody(bytes: number | undefined): { maxBodyBytes?: number } {
  return bytes === undefined ? {} : { maxBodyBytes: bytes };
}

export const stage: Stage = {
  chapter: 4,
  slug: "04-bodies-and-chunking",
  apply: (plan) => ({
    ...plan,
    extensions: {
      ...plan.extensions,
      http1: {
        ...plan.extensions.http1,
        ...bodyOptions(maxBody(plan.settings.limits?.maxBodyBytes)),
      },
    },
    banner: [
      ...plan.banner,
      "bodies: curl -s --data-binary 'hello' http://{origin}/echo",
      "chunked: curl -s -H 'Transfer-Encoding: chunked' --data-binary @README.md http://{origin}/echo",
    ],
  }),
};
