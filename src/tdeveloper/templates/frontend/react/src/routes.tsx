/**
 * Every page, for every entity of `src/entities.ts`: list, create, detail and edit under the
 * entity's path, and the sign-in pages when the app has accounts. The shell guards them all.
 * The pages load their own data, so the router's declarative mode is enough (and about 50 kB
 * lighter than a data router).
 */
import { type RouteObject, useRoutes } from "react-router";
import { Shell } from "./components/Shell";
import { APP, ENTITIES } from "./entities";
import { DetailPage } from "./pages/DetailPage";
import { FormPage } from "./pages/FormPage";
import { HomePage } from "./pages/HomePage";
import { ListPage } from "./pages/ListPage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RegisterPage } from "./pages/RegisterPage";

const accountRoutes: RouteObject[] = [
  { path: "login", element: <LoginPage /> },
  { path: "register", element: <RegisterPage /> },
];

// Keys: the same page component serves every entity, and must start afresh for each.
const entityRoutes: RouteObject[] = ENTITIES.flatMap((entity) => [
  { path: entity.path, element: <ListPage key={entity.name} entity={entity} /> },
  { path: `${entity.path}/new`, element: <FormPage key={`${entity.name}-new`} entity={entity} /> },
  { path: `${entity.path}/:id`, element: <DetailPage key={entity.name} entity={entity} /> },
  { path: `${entity.path}/:id/edit`, element: <FormPage key={`${entity.name}-edit`} entity={entity} /> },
]);

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      ...(APP.auth ? accountRoutes : []),
      ...entityRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}
