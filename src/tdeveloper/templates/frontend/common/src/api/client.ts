/** The HTTP client, typed by `schema.d.ts`, which `npm run api` generates from openapi.json. */
import createClient, { type Middleware } from "openapi-fetch";
import { auth } from "../lib/auth";
import type { paths } from "./schema";

/** The backend's origin: VITE_API_URL at build time, else this page's (Vite proxies /api). */
export const API_URL = (import.meta.env.VITE_API_URL ?? "").replace(/\/+$/, "");

const bearer: Middleware = {
  onRequest({ request }) {
    const token = auth.token();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) auth.expire();
    return response;
  },
};

export const client = createClient<paths>({ baseUrl: API_URL });
client.use(bearer);
