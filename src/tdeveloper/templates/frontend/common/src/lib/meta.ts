/** What the pages know of the app: the shape of `src/entities.ts` and of the API clients. */

export type FieldKind =
  | "text"
  | "textarea"
  | "integer"
  | "decimal"
  | "float"
  | "boolean"
  | "date"
  | "datetime"
  | "time"
  | "email"
  | "url"
  | "enum"
  | "uuid"
  | "json"
  | "reference"
  | "multi";

export interface FieldMeta {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** The create form must fill it (no default, not nullable). */
  readonly required: boolean;
  /** It may be cleared (sent as null). */
  readonly nullable: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** The values of an enum. */
  readonly options?: readonly string[];
  /** The entity a reference (one id) or a many-to-many field (a list of ids) points at. */
  readonly target?: string;
}

export interface EntityMeta {
  readonly name: string;
  readonly label: string;
  readonly plural: string;
  /** URL segment, the same in the API (`/api/<path>`) and in the pages (`/<path>`). */
  readonly path: string;
  /** The field that names a row in lists and selects (null: rows are named by id). */
  readonly display: string | null;
  /** Whether the list accepts a text filter (`q`). */
  readonly searchable: boolean;
  readonly sortable: readonly string[];
  readonly columns: readonly string[];
  readonly fields: readonly FieldMeta[];
}

export interface AppMeta {
  readonly name: string;
  readonly title: string;
  readonly auth: boolean;
  /** The entity whose rows are the accounts, when the app has sign-in. */
  readonly account: string | null;
  /** Entities in an order where every required reference points at an earlier one. */
  readonly creationOrder: readonly string[];
  readonly entities: readonly EntityMeta[];
}

export type Row = { readonly id: number } & Readonly<Record<string, unknown>>;
export type Payload = Record<string, unknown>;

export interface Page {
  readonly items: readonly Row[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface ListQuery {
  limit: number;
  offset: number;
  sort?: string;
  q?: string;
}

/** The CRUD client of one entity, as pages that work on any entity see it. */
export interface Resource {
  list(query: ListQuery): Promise<Page>;
  get(id: number): Promise<Row>;
  create(body: Payload): Promise<Row>;
  update(id: number, body: Payload): Promise<Row>;
  remove(id: number): Promise<unknown>;
}
