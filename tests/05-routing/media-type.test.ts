/** Media types (RFC 9110 §8.3.1): enough to tell JSON and read a charset. */
import { describe, expect, test } from "vitest";
import { isJson, isUtf8Charset, parseMediaType } from "#ch05/media-type.ts";

describe("parseMediaType", () => {
  test.each([
    ["application/json", "application/json", {}],
    ["Application/JSON; Charset=UTF-8", "application/json", { charset: "UTF-8" }],
    ['text/plain;charset="utf-8"', "text/plain", { charset: "utf-8" }],
    ['text/plain; a="x\\"y"; b=2', "text/plain", { a: 'x"y', b: "2" }],
    ["text/plain;", "text/plain", {}],
  ])("%s", (value, essence, params) => {
    const type = parseMediaType(value);
    expect([type?.essence, Object.fromEntries(type?.params ?? [])]).toEqual([essence, params]);
  });

  test.each(["", "json", "application/", "/json", "text/plain; charset", "a/b c"])(
    "%j is not a media type",
    (value) => {
      expect(parseMediaType(value)).toBeNull();
    },
  );

  test.each([
    ["application/json", true],
    ["application/problem+json", true],
    ["application/vnd.api+json; charset=utf-8", true],
    ["text/json", false],
    ["application/jsonp", false],
    ["application/x-www-form-urlencoded", false],
  ])("isJson(%s) = %s", (value, expected) => {
    const type = parseMediaType(value);
    expect(type !== null && isJson(type)).toBe(expected);
  });

  test.each([
    ["text/plain", true],
    ["text/plain; charset=UTF-8", true],
    ["text/plain; charset=us-ascii", true],
    ["text/plain; charset=iso-8859-1", false],
  ])("isUtf8Charset(%s) = %s", (value, expected) => {
    expect(isUtf8Charset(parseMediaType(value))).toBe(expected);
  });
});
