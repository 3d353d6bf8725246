import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database, ObjectsTable } from "./schema.js";
import type { ObjectFilter } from "./store.js";

/** Stands in for "no limit" when only an offset is given: SQLite needs a LIMIT before OFFSET. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

type ObjectsQuery = SelectQueryBuilder<Database & { o: ObjectsTable }, "o", object>;

/**
 * Translates an {@link ObjectFilter} into SQL over `objects as o`, without a selection.
 * List conditions are IN lists; every index entry becomes its own EXISTS subquery, so
 * entries are ANDed (served by the (name, value, object_id) index). Results are ordered
 * newest first (created_at desc, id desc) with limit/offset.
 *
 * Returns undefined when the filter can match nothing (an empty owner list without a
 * grantee, an empty type or state list, or limit 0): the caller then skips the query.
 */
export function filteredObjects(db: Kysely<Database>, filter: ObjectFilter): ObjectsQuery | undefined {
  const { limit, offset } = filter;
  if (limit === 0) return undefined;
  let query = matchingObjects(db, filter);
  if (!query) return undefined;
  query = query.orderBy("o.created_at", "desc").orderBy("o.id", "desc");
  if (limit !== undefined || offset !== undefined) query = query.limit(limit ?? NO_LIMIT);
  if (offset !== undefined) query = query.offset(offset);
  return query;
}

/**
 * The conditions of an {@link ObjectFilter} alone: no order, and `limit` / `offset` ignored
 * (what a COUNT over the filter needs). Undefined when the filter can match nothing.
 */
export function matchingObjects(db: Kysely<Database>, filter: ObjectFilter): ObjectsQuery | undefined {
  const { id, owners, grantee, objectTypes, states, index, createdFrom, createdTo, before } = filter;
  if (objectTypes?.length === 0 || states?.length === 0) return undefined;
  if (owners?.length === 0 && grantee === undefined) return undefined;
  let query: ObjectsQuery = db.selectFrom("objects as o");
  if (id !== undefined) query = query.where("o.id", "=", id);
  if (owners && grantee !== undefined) {
    query = query.where((eb) =>
      eb.or([
        ...(owners.length > 0 ? [eb("o.owner", "in", owners)] : []),
        eb.exists(
          eb
            .selectFrom("grants as g")
            .select(eb.lit(1).as("one"))
            .whereRef("g.object_id", "=", "o.id")
            .where("g.grantee", "=", grantee),
        ),
      ]),
    );
  } else if (owners) {
    query = query.where("o.owner", "in", owners);
  }
  if (objectTypes) query = query.where("o.object_type", "in", objectTypes);
  if (states) query = query.where("o.state", "in", states);
  if (createdFrom !== undefined) query = query.where("o.created_at", ">=", createdFrom);
  if (createdTo !== undefined) query = query.where("o.created_at", "<=", createdTo);
  // A row-value comparison, so that both databases walk the (created_at, id) index from the cursor.
  if (before !== undefined) {
    query = query.where((eb) => eb(eb.refTuple("o.created_at", "o.id"), "<", eb.tuple(before.createdAt, before.id)));
  }
  for (const entry of index ?? []) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("object_index as i")
          .select(eb.lit(1).as("one"))
          .whereRef("i.object_id", "=", "o.id")
          .where("i.name", "=", entry.name)
          .where("i.value", "=", entry.value),
      ),
    );
  }
  return query;
}
