/**
 * RFC 7541 Appendix C's examples as data: the hex dump, the decoded
 * header list and the dynamic table after decoding (newest first).
 */
import type { Field } from "#ch12/dynamic-table.ts";

export interface Example {
  readonly name: string;
  readonly wire: string;
  readonly fields: readonly Field[];
  readonly table: readonly Field[];
  readonly tableSize: number;
  readonly never?: readonly number[];
}

export const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ""), "hex");

export const C2: readonly Example[] = [
  {
    name: "C.2.1 literal header field with indexing",
    wire: "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
    fields: [["custom-key", "custom-header"]],
    table: [["custom-key", "custom-header"]],
    tableSize: 55,
  },
  {
    name: "C.2.2 literal header field without indexing",
    wire: "040c 2f73 616d 706c 652f 7061 7468",
    fields: [[":path", "/sample/path"]],
    table: [],
    tableSize: 0,
  },
  {
    name: "C.2.3 literal header field never indexed",
    wire: "1008 7061 7373 776f 7264 0673 6563 7265 74",
    fields: [["password", "secret"]],
    table: [],
    tableSize: 0,
    never: [0],
  },
  {
    name: "C.2.4 indexed header field",
    wire: "82",
    fields: [[":method", "GET"]],
    table: [],
    tableSize: 0,
  },
];

const REQ1: Field[] = [
  [":method", "GET"],
  [":scheme", "http"],
  [":path", "/"],
  [":authority", "www.example.com"],
];
const REQ2: Field[] = [...REQ1, ["cache-control", "no-cache"]];
const REQ3: Field[] = [
  [":method", "GET"],
  [":scheme", "https"],
  [":path", "/index.html"],
  [":authority", "www.example.com"],
  ["custom-key", "custom-value"],
];
const AUTH: Field = [":authority", "www.example.com"];
const NO_CACHE: Field = ["cache-control", "no-cache"];
const CUSTOM: Field = ["custom-key", "custom-value"];

const requests = (c: string, wires: readonly string[]): Example[] => [
  {
    name: `${c}.1 first request`,
    wire: wires[0] as string,
    fields: REQ1,
    table: [AUTH],
    tableSize: 57,
  },
  {
    name: `${c}.2 second request`,
    wire: wires[1] as string,
    fields: REQ2,
    table: [NO_CACHE, AUTH],
    tableSize: 110,
  },
  {
    name: `${c}.3 third request`,
    wire: wires[2] as string,
    fields: REQ3,
    table: [CUSTOM, NO_CACHE, AUTH],
    tableSize: 164,
  },
];

export const C3 = requests("C.3", [
  "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
  "8286 84be 5808 6e6f 2d63 6163 6865",
  "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
]);

export const C4 = requests("C.4", [
  "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
  "8286 84be 5886 a8eb 1064 9cbf",
  "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
]);

const DATE1 = "Mon, 21 Oct 2013 20:13:21 GMT";
const DATE2 = "Mon, 21 Oct 2013 20:13:22 GMT";
const LOCATION: Field = ["location", "https://www.example.com"];
const PRIVATE: Field = ["cache-control", "private"];
const COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
const RES1: Field[] = [[":status", "302"], PRIVATE, ["date", DATE1], LOCATION];
const RES2: Field[] = [[":status", "307"], PRIVATE, ["date", DATE1], LOCATION];
const RES3: Field[] = [
  [":status", "200"],
  PRIVATE,
  ["date", DATE2],
  LOCATION,
  ["content-encoding", "gzip"],
  ["set-cookie", COOKIE],
];

const responses = (c: string, wires: readonly string[]): Example[] => [
  {
    name: `${c}.1 first response`,
    wire: wires[0] as string,
    fields: RES1,
    table: [LOCATION, ["date", DATE1], PRIVATE, [":status", "302"]],
    tableSize: 222,
  },
  {
    name: `${c}.2 second response (evicts :status 302)`,
    wire: wires[1] as string,
    fields: RES2,
    table: [[":status", "307"], LOCATION, ["date", DATE1], PRIVATE],
    tableSize: 222,
  },
  {
    name: `${c}.3 third response (evicts several)`,
    wire: wires[2] as string,
    fields: RES3,
    table: [
      ["set-cookie", COOKIE],
      ["content-encoding", "gzip"],
      ["date", DATE2],
    ],
    tableSize: 215,
  },
];

export const C5 = responses("C.5", [
  "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
  "4803 3330 37c1 c0bf",
  "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
]);

export const C6 = responses("C.6", [
  "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
  "4883 640e ffc1 c0bf",
  "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
]);
