import "@picocss/pico/css/pico.min.css";
import "./styles.css";
import "./app.css";
import { createApp } from "vue";
import App from "./App.vue";
import { APP } from "./entities";
import { createAppRouter } from "./router";

// The title is data (src/entities.ts), so index.html stays static text.
document.title = APP.title;

createApp(App).use(createAppRouter()).mount("#app");
