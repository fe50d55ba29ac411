import { describe, expect, it } from "vitest";
import { parseReactionEmoji, qualifyUnicodeEmoji } from "../src/services/reactions/reaction-emoji.js";

describe("qualifyUnicodeEmoji", () => {
  it.each([
    ["👍", "👍"],
    ["⚠", "⚠️"],
    ["⚠️", "⚠️"],
    ["❤", "❤️"],
    ["#⃣", "#️⃣"],
    ["👁‍🗨", "👁️‍🗨️"],
    ["🏳‍🌈", "🏳️‍🌈"],
    ["👍🏽", "👍🏽"],
    ["🧑🏽‍⚕", "🧑🏽‍⚕️"],
    ["🇺🇸", "🇺🇸"],
    ["🇺", "🇺"],
  ])("%s -> %s", (input, expected) => {
    expect(qualifyUnicodeEmoji(input)).toBe(expected);
  });

  it.each(["x", "1", "👍👍", "a👍", "", "\u200d"])("refuses %j", (input) => {
    expect(qualifyUnicodeEmoji(input)).toBeNull();
  });
});

describe("parseReactionEmoji", () => {
  it("treats colons as optional for shortcodes", () => {
    expect(parseReactionEmoji("blobcat")).toEqual({ kind: "custom", shortcode: "blobcat", domain: null });
    expect(parseReactionEmoji(":blobcat:")).toEqual({ kind: "custom", shortcode: "blobcat", domain: null });
  });

  it("reads a remote domain and lower-cases it", () => {
    expect(parseReactionEmoji(":wow@Remote.Example:")).toEqual({ kind: "custom", shortcode: "wow", domain: "remote.example" });
    expect(parseReactionEmoji("wow@remote.example")).toEqual({ kind: "custom", shortcode: "wow", domain: "remote.example" });
  });

  it("refuses unbalanced colons and characters outside the shortcode alphabet", () => {
    expect(parseReactionEmoji(":blobcat")).toBeNull();
    expect(parseReactionEmoji("blob cat")).toBeNull();
    expect(parseReactionEmoji("../etc")).toBeNull();
    expect(parseReactionEmoji(":")).toBeNull();
  });

  it("prefers unicode", () => {
    expect(parseReactionEmoji("☕")).toEqual({ kind: "unicode", name: "☕" });
  });
});
