/**
 * zod building blocks for request input. Query strings and forms carry strings, JSON carries
 * typed values; these accept both the way Akkoma's parameter casting does (accounts.md 2.2).
 */
import { z } from "zod";

const FALSY = new Set(["false", "0", "f", "F", "False", "FALSE", "off", "OFF", ""]);

/** Akkoma's BooleanLike: `false, 0, "0", "f", "false", "off", ""`, null are false; anything else is true. */
export const booleanLike = () =>
  z.preprocess((v) => {
    if (v === undefined) return undefined;
    if (v === null || v === false || v === 0) return false;
    if (typeof v === "string") return !FALSY.has(v);
    return Boolean(v);
  }, z.boolean());

/** An integer as a JSON number or a string of digits. */
export const intLike = () =>
  z.preprocess(
    (v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v),
    z.number({ error: (iss) => typeError("integer", iss.input) }).int(),
  );

/** An id rendered as a string: accepts a string or a JSON integer. */
export const idLike = () =>
  z.preprocess(
    (v) => (typeof v === "number" && Number.isInteger(v) ? String(v) : v),
    z.string({ error: (iss) => typeError("string", iss.input) }).min(1).max(256),
  );

/** A string field; a JSON number is a type error, as in Akkoma. */
export const text = () => z.string({ error: (iss) => typeError("string", iss.input) });

/** An uploaded file (multipart). Its metadata tells the OpenAPI generator it is binary. */
export const file = () =>
  z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File, { message: "Invalid file." })
    .meta({ type: "string", format: "binary" });

/** A list given as `a[]=1&a[]=2`, repeated keys, a JSON array or a comma-free single value. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

function typeError(expected: string, input: unknown): string {
  if (input === undefined) return "Missing field";
  if (input === null) return `null value where ${expected} expected`;
  const got = Array.isArray(input) ? "array" : typeof input === "object" ? "object" : typeof input === "number" ? (Number.isInteger(input) ? "integer" : "number") : typeof input;
  return `Invalid ${expected}. Got: ${got}`;
}
