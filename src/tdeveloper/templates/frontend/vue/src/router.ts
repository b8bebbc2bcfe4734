/**
 * The pages, built from src/entities.ts: a list, a create form, a detail page and an edit
 * form per entity, and the sign-in pages when the app has accounts.
 */
import {
  createMemoryHistory,
  createRouter,
  createWebHistory,
  type RouteRecordRaw,
  type Router,
} from "vue-router";
import { APP, ENTITIES } from "./entities";
import { signInRoute } from "./composables/session";
import { auth } from "./lib/auth";
import DetailPage from "./pages/DetailPage.vue";
import FormPage from "./pages/FormPage.vue";
import HomePage from "./pages/HomePage.vue";
import ListPage from "./pages/ListPage.vue";
import NotFoundPage from "./pages/NotFoundPage.vue";

declare module "vue-router" {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

const ID = ":id(\\d+)";

function entityRoutes(): RouteRecordRaw[] {
  return ENTITIES.flatMap((entity) => [
    { path: `/${entity.path}`, component: ListPage, props: { entity } },
    { path: `/${entity.path}/new`, component: FormPage, props: { entity } },
    {
      path: `/${entity.path}/${ID}`,
      component: DetailPage,
      props: (to) => ({ entity, id: Number(to.params.id) }),
    },
    {
      path: `/${entity.path}/${ID}/edit`,
      component: FormPage,
      props: (to) => ({ entity, id: Number(to.params.id) }),
    },
  ]);
}

// Loaded on demand: apps without accounts never ship them.
const authRoutes: RouteRecordRaw[] = [
  { path: "/login", component: () => import("./pages/LoginPage.vue"), meta: { public: true } },
  { path: "/register", component: () => import("./pages/RegisterPage.vue"), meta: { public: true } },
];

export const routes: RouteRecordRaw[] = [
  { path: "/", component: HomePage },
  ...entityRoutes(),
  ...(APP.auth ? authRoutes : []),
  { path: "/:missing(.*)*", component: NotFoundPage, meta: { public: true } },
];

/** `memory` for component tests, which have no address bar. */
export function createAppRouter(memory = false): Router {
  const router = createRouter({
    history: memory ? createMemoryHistory() : createWebHistory(import.meta.env.BASE_URL),
    routes,
  });
  router.beforeEach((to) => {
    if (auth.required && !auth.signedIn() && !to.meta.public) return signInRoute(to.fullPath);
  });
  // A sign-out, or a 401 from the API (the token expired): back to the sign-in page.
  auth.subscribe((signedIn) => {
    const current = router.currentRoute.value;
    if (!signedIn && auth.required && !current.meta.public) {
      void router.push(signInRoute(current.fullPath));
    }
  });
  return router;
}
