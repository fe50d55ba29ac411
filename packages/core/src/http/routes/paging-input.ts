/**
 * Query input shared by paged lists: `max_id`, `min_id`, `since_id`, `limit`; `offset` is accepted
 * and ignored, as in Akkoma. An empty value is dropped (accounts.md 2.2), not an error.
 */
import { z } from "zod";
import { idLike, intLike } from "../schema.js";

const dropEmpty = (v: unknown) => (v === "" ? undefined : v);

/** The paging fields of a timeline query. */
export const pagingInput = {
  max_id: z.preprocess(dropEmpty, idLike().optional()),
  min_id: z.preprocess(dropEmpty, idLike().optional()),
  since_id: z.preprocess(dropEmpty, idLike().optional()),
  limit: z.preprocess(dropEmpty, intLike().optional()),
  offset: z.preprocess(dropEmpty, intLike().optional()),
};

/** The service-side page from parsed paging input. */
export function pageFrom(input: { max_id?: string | undefined; min_id?: string | undefined; since_id?: string | undefined; limit?: number | undefined }) {
  return {
    ...(input.max_id !== undefined ? { maxId: input.max_id } : {}),
    ...(input.min_id !== undefined ? { minId: input.min_id } : {}),
    ...(input.since_id !== undefined ? { sinceId: input.since_id } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
  };
}

/** A database integer id as a string (participation ids); anything else is a 400, as in Akkoma. */
export const integerId = () => idLike().refine((v) => /^\d{1,18}$/.test(v), { message: "Invalid integer. Got: string" });
