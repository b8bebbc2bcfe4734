import { Link } from "react-router";
import { APP, ENTITIES } from "../entities";

/** The app's entities, each a link to its list. */
export function HomePage() {
  return (
    <>
      <h1>{APP.title}</h1>
      <ul>
        {ENTITIES.map((entity) => (
          <li key={entity.name}>
            <Link to={`/${entity.path}`}>{entity.plural}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
