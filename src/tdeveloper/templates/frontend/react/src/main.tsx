import "@picocss/pico/css/pico.min.css";
import "./styles.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { APP } from "./entities";
import { AppRoutes } from "./routes";

// The title is free text from the spec: it enters the page as data, never as markup.
document.title = APP.title;

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  </StrictMode>,
);
