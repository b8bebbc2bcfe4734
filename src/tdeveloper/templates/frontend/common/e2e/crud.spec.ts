/**
 * Through the UI, against the running backend: for every entity, create a record (every
 * input filled), edit it, find it in the list (filter and sort), then delete every record
 * in reverse order, confirming each deletion. Before that, a create form submitted empty
 * must show the server's validation errors.
 */
import { expect, test, type Page } from "@playwright/test";
import { APP, entityNamed } from "../src/entities";
import type { EntityMeta, FieldMeta } from "../src/lib/meta";

test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const created = new Map<string, number>();
let page: Page;
let counter = 0;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto("/");
  if (APP.auth) await signIn(page);
});

test.afterAll(async () => {
  await page.close();
});

async function signIn(page: Page): Promise<void> {
  const email = process.env.E2E_EMAIL ?? `e2e-${stamp}@example.com`;
  const password = process.env.E2E_PASSWORD ?? `E2e-${stamp}-passphrase`;
  if (process.env.E2E_EMAIL) {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  } else {
    // On a new database the first account becomes the admin, which may delete.
    await page.goto("/register");
    await page.getByLabel("Name").fill("E2E tester");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
  }
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function clamp(field: FieldMeta, value: number): number {
  const low = field.min ?? -Infinity;
  const high = field.max ?? Infinity;
  return Math.min(Math.max(value, low), high);
}

function text(entity: EntityMeta, field: FieldMeta, n: number): string {
  const value = `${entity.label} ${field.label} ${stamp}-${n}`;
  return field.maxLength ? value.slice(-field.maxLength) : value;
}

/** A value every kind of text input accepts; null for inputs that are not typed into. */
function typed(entity: EntityMeta, field: FieldMeta, n: number): string | null {
  switch (field.kind) {
    case "text":
    case "textarea":
      return text(entity, field, n);
    case "integer":
      return String(clamp(field, (Date.now() % 9000) + n));
    case "decimal":
      return String(clamp(field, 12.5 + n));
    case "float":
      return String(clamp(field, 2.5 + n));
    case "date":
      return `2026-03-${String(10 + n).padStart(2, "0")}`;
    case "datetime":
      return `2026-03-${String(10 + n).padStart(2, "0")}T09:30`;
    case "time":
      return `09:${String(10 + n).padStart(2, "0")}`;
    case "email":
      return `e2e-${stamp}-${n}@example.com`;
    case "url":
      return `https://example.com/${stamp}/${n}`;
    case "uuid":
      return crypto.randomUUID();
    case "json":
      return `{"e2e": ${n}}`;
    default:
      return null;
  }
}

async function fill(page: Page, entity: EntityMeta, field: FieldMeta, n: number): Promise<void> {
  const input = page.locator(`#field-${field.name}`);
  const value = typed(entity, field, n);
  if (value !== null) return input.fill(value);
  if (field.kind === "boolean") return input.setChecked(true);
  if (field.kind === "enum") {
    await input.selectOption(field.options![n % field.options!.length]);
    return;
  }
  // reference and multi: choose the first row offered, once the choices have loaded
  const choices = input.locator("option:not([value=''])");
  if (field.required) await expect(choices.first()).toBeAttached();
  if ((await choices.count()) === 0) return;
  await input.selectOption((await choices.first().getAttribute("value"))!);
}

async function openList(entity: EntityMeta): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name: entity.plural, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: entity.plural })).toBeVisible();
}

function firstWithRequiredText(): EntityMeta | undefined {
  return APP.creationOrder
    .map(entityNamed)
    .find((e) => e.fields.some((f) => f.required && (f.kind === "text" || f.kind === "email")));
}

test("a create form submitted empty shows the server's validation errors", async () => {
  const entity = firstWithRequiredText();
  test.skip(!entity, "no entity has a required text field");
  await openList(entity!);
  await page.getByRole("link", { name: `New ${entity!.label}` }).click();
  await page.getByRole("button", { name: "Save" }).click();
  const required = entity!.fields.find((f) => f.required && (f.kind === "text" || f.kind === "email"))!;
  await expect(page.locator(`[data-field-error="${required.name}"]`)).toContainText(/required/i);
  await expect(page).toHaveURL(new RegExp(`/${entity!.path}/new$`));
});

for (const name of APP.creationOrder) {
  test(`create, edit and find a ${name}`, async () => {
    const entity = entityNamed(name);
    await openList(entity);
    await page.getByRole("link", { name: `New ${entity.label}` }).click();
    for (const field of entity.fields) await fill(page, entity, field, ++counter);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(new RegExp(`/${entity.path}/\\d+$`));
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    created.set(name, id);

    const edited = await edit(entity);
    await expect(page).toHaveURL(new RegExp(`/${entity.path}/${id}$`));
    if (edited) await expect(page.getByRole("main")).toContainText(edited);

    await openList(entity);
    const row = page.getByRole("row").filter({ has: page.locator(`a[href$="/${entity.path}/${id}"]`) });
    await expect(row).toHaveCount(1);
    if (entity.searchable) await checkFilter(entity, id);
    if (entity.columns.length) await checkSort(entity);
  });
}

/** Changes one input and saves; returns the text the detail page must then show. */
async function edit(entity: EntityMeta): Promise<string | null> {
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const field = entity.fields.find((f) => ["text", "textarea", "email", "url", "integer"].includes(f.kind));
  let shown: string | null = null;
  if (field) {
    shown = typed(entity, field, 100 + ++counter)!;
    await page.locator(`#field-${field.name}`).fill(shown);
  }
  await page.getByRole("button", { name: "Save" }).click();
  return shown;
}

async function checkFilter(entity: EntityMeta, id: number): Promise<void> {
  const link = page.locator(`a[href$="/${entity.path}/${id}"]`);
  const filter = page.getByRole("searchbox", { name: "Filter" });
  await filter.fill(`no such ${stamp} text`);
  await expect(link).toHaveCount(0);
  await filter.fill("");
  await expect(link).toHaveCount(1);
}

async function checkSort(entity: EntityMeta): Promise<void> {
  const column = entity.fields.find((f) => f.name === entity.columns[0])!;
  if (!entity.sortable.includes(column.name)) return;
  // Anchored, not exact: a sort arrow drawn by CSS may follow the label in the name.
  const header = page.getByRole("columnheader", { name: new RegExp(`^${escaped(column.label)}`) });
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
}

for (const name of [...APP.creationOrder].reverse()) {
  test(`delete the ${name}, after confirming`, async () => {
    const entity = entityNamed(name);
    const id = created.get(name);
    test.skip(id === undefined, "it was not created");
    await page.goto(`/${entity.path}/${id}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${entity.path}(\\?.*)?$`));
    await expect(page.locator(`a[href$="/${entity.path}/${id}"]`)).toHaveCount(0);
  });
}
