/** Before each test file: DOM matchers, what jsdom lacks, and a fake API behind fetch. */
import "@testing-library/jest-dom/vitest";
import { vi } from "vitest";
import { fakeFetch } from "./api";

// openapi-fetch keeps the fetch it finds when the client module loads: replace it first. Its
// requests need an absolute URL (Node's Request has no page to resolve "/api/..." against).
vi.stubGlobal("fetch", fakeFetch);
vi.stubEnv("VITE_API_URL", "http://api.test");

// jsdom has <dialog> elements but not their methods, nor scrolling (the router scrolls to top).
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
  this.dispatchEvent(new Event("close"));
};
window.scrollTo = () => {};

// sv-router watches links with an IntersectionObserver (to preload routes), which jsdom lacks.
globalThis.IntersectionObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  readonly root = null;
  readonly rootMargin = "0px";
  readonly thresholds: readonly number[] = [];
};
