/**
 * Chapter 05's piece of the server: the router becomes the handler.
 *
 * The demo routes are registered through it as plugins, and whatever
 * handler earlier chapters installed becomes the router's fallback, so a
 * later chapter's static files (06) answer the paths no route claims.
 * Later chapters reach the router through `extensions.router` to add
 * routes or middleware without touching this file.
 */
import type { Handler } from "#ch03/message.ts";
import { apiRoutes, echoRoutes, helloRoutes } from "#ch05/demo-routes.ts";
import { AnswerChain } from "#ch05/answer-memo.ts";
import { Router } from "#ch05/router.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface StageExtensions {
    handler: Handler;
    router: Router;
    /**
     * Where every later chapter that wraps the handler declares what its
     * layer's answer depends on (solutions/05-routing/answer-memo.ts). A
     * wrap left undeclared turns the memo off: slower, never wrong.
     */
    answers: AnswerChain;
  }
}

export const stage: Stage = {
  chapter: 5,
  slug: "05-routing",
  apply: (plan) => {
    const previous = plan.extensions.handler;
    const router = new Router(previous === undefined ? {} : { fallback: previous });
    router.mount("/", helloRoutes).mount("/", echoRoutes).mount("/api", apiRoutes);
    const answers = new AnswerChain(router.handle, router);
    return {
      ...plan,
      extensions: {
        ...plan.extensions,
        router,
        handler: router.handle,
        answers,
        beforeServing: (handler) => answers.serve(handler),
      },
      banner: [
        ...plan.banner,
        "routes: GET /hello, /echo/*, GET /api/time, POST /api/echo-json",
        "try: curl -si -X DELETE http://{origin}/api/time   (405 + Allow)",
      ],
    };
  },
};
